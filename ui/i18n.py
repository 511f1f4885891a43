"""The one message catalog: every word the dashboard shows, in English and Korean.

``t("key", **values)`` returns the text in the language chosen in the sidebar. A test checks that
every key has both languages, so a missing translation fails CI instead of showing a key.
"""

from __future__ import annotations

import streamlit as st

from fmnist_core import settings

LANGUAGES = {"en": "English", "ko": "한국어"}
LANGUAGE_KEY = "language"

MESSAGES: dict[str, dict[str, str]] = {
    # --- app and sidebar
    "app.title": {"en": "Fashion-MNIST CNN Studio", "ko": "Fashion-MNIST CNN 스튜디오"},
    "nav.home": {"en": "Home", "ko": "홈"},
    "nav.dataset": {"en": "Dataset", "ko": "데이터셋"},
    "nav.architecture": {"en": "Architecture", "ko": "아키텍처"},
    "nav.train": {"en": "Train", "ko": "학습"},
    "nav.compare": {"en": "Compare", "ko": "비교"},
    "nav.draw": {"en": "Draw", "ko": "그리기"},
    "sidebar.language": {"en": "Language", "ko": "언어"},
    "sidebar.data": {"en": "Data: {source}", "ko": "데이터: {source}"},
    "sidebar.device": {"en": "Compute: {device}", "ko": "연산 장치: {device}"},
    "source.data-dir": {"en": "FMNIST_DATA_DIR", "ko": "FMNIST_DATA_DIR"},
    "source.keras-cache": {"en": "Keras cache", "ko": "Keras 캐시"},
    "source.download": {"en": "downloaded by Keras", "ko": "Keras로 내려받음"},
    "source.sample": {"en": "offline sample", "ko": "오프라인 샘플"},
    "banner.sample": {
        "en": "Running on the small offline sample ({train:,} training and {test:,} test "
        "images) because {why}. Set FMNIST_DATA_DIR to the full Fashion-MNIST files for all "
        "70,000 images.",
        "ko": "작은 오프라인 샘플(학습 {train:,}장, 테스트 {test:,}장)로 실행 중입니다. 이유: {why}. "
        "전체 70,000장을 쓰려면 FMNIST_DATA_DIR를 Fashion-MNIST 파일 폴더로 설정하세요.",
    },
    "error.data": {
        "en": "The Fashion-MNIST data could not be loaded: {error}",
        "ko": "Fashion-MNIST 데이터를 불러올 수 없습니다: {error}",
    },
    "error.unexpected": {
        "en": "Something went wrong ({error}). The details are in the server log; "
        "try again, and report it if it keeps happening.",
        "ko": "문제가 발생했습니다({error}). 자세한 내용은 서버 로그에 있습니다. "
        "다시 시도하고, 계속되면 알려 주세요.",
    },
    "spinner.data": {"en": "Loading Fashion-MNIST…", "ko": "Fashion-MNIST 불러오는 중…"},
    "coming.next": {
        "en": "This page is coming next; the navigation is already in its final shape.",
        "ko": "이 페이지는 곧 추가됩니다. 메뉴 구성은 이미 최종 형태입니다.",
    },
    # --- home
    "home.purpose": {
        "en": "Learn and experiment with convolutional networks on Fashion-MNIST: see the "
        "data, build a network and understand its parameter count, train it while the curves "
        "grow, compare variants honestly, and try a model on your own drawing.",
        "ko": "Fashion-MNIST로 합성곱 신경망을 배우고 실험하세요. 데이터를 살펴보고, 네트워크를 만들어 "
        "파라미터 수를 이해하고, 곡선이 자라는 것을 보며 학습하고, 변형을 공정하게 비교하고, 직접 그린 "
        "그림으로 모델을 시험해 보세요.",
    },
    "home.steps": {
        "en": "**Dataset** browse the 70,000 images · **Architecture** pick the lecture's "
        "models or build your own · **Train** watch loss and accuracy live · **Compare** "
        "runs side by side · **Draw** a garment for a model to classify",
        "ko": "**데이터셋** 70,000장 이미지 살펴보기 · **아키텍처** 강의 모델 선택 또는 직접 설계 · "
        "**학습** 손실과 정확도 실시간 확인 · **비교** 실행 결과 나란히 보기 · **그리기** 옷을 그려 "
        "분류하기",
    },
    "home.images": {"en": "Images", "ko": "이미지"},
    "home.classes": {"en": "Classes", "ko": "클래스"},
    # --- dataset page
    "dataset.purpose": {
        "en": "Browse Fashion-MNIST: filter by class and split, then inspect any image pixel "
        "by pixel.",
        "ko": "Fashion-MNIST를 살펴보세요. 클래스와 분할로 거르고, 이미지를 픽셀 단위로 확인하세요.",
    },
    "dataset.split": {"en": "Split", "ko": "분할"},
    "split.train": {"en": "Train", "ko": "학습"},
    "split.test": {"en": "Test", "ko": "테스트"},
    "dataset.classes": {"en": "Classes", "ko": "클래스"},
    "dataset.grid": {"en": "Grid size", "ko": "격자 크기"},
    "dataset.shuffle": {"en": "Shuffle", "ko": "섞기"},
    "dataset.seed": {"en": "Shuffle seed", "ko": "섞기 시드"},
    "dataset.no_class": {
        "en": "No class is selected: pick at least one class to see images.",
        "ko": "선택된 클래스가 없습니다. 이미지를 보려면 클래스를 하나 이상 고르세요.",
    },
    "dataset.showing": {
        "en": "{count:,} images match · page {page} of {pages} · images {first:,}–{last:,}",
        "ko": "일치하는 이미지 {count:,}장 · {pages}쪽 중 {page}쪽 · {first:,}–{last:,}번째",
    },
    "dataset.caption": {"en": "#{index} · {name}", "ko": "#{index} · {name}"},
    "dataset.inspect": {"en": "Inspect an image", "ko": "이미지 자세히 보기"},
    "dataset.inspect_pick": {"en": "Image on this page", "ko": "이 페이지의 이미지"},
    "dataset.label": {
        "en": "Image #{index} of the {split} split · label {label} ({name})",
        "ko": "{split} 분할의 #{index} 이미지 · 레이블 {label} ({name})",
    },
    "dataset.pixels": {"en": "Pixel values (0–255)", "ko": "픽셀 값 (0–255)"},
    "dataset.pixel_value": {"en": "value", "ko": "값"},
    "dataset.histogram": {"en": "Pixel-intensity histogram", "ko": "픽셀 밝기 히스토그램"},
    "dataset.intensity": {"en": "Pixel intensity (0–255)", "ko": "픽셀 밝기 (0–255)"},
    "dataset.pixels_count": {"en": "Pixels", "ko": "픽셀 수"},
    "dataset.overview": {"en": "Classes at a glance", "ko": "클래스 한눈에 보기"},
    "dataset.counts": {"en": "Images per class ({split})", "ko": "클래스별 이미지 수 ({split})"},
    "dataset.count_axis": {"en": "Images", "ko": "이미지 수"},
    "dataset.means": {
        "en": "Mean image of each class ({split})",
        "ko": "클래스별 평균 이미지 ({split})",
    },
}


def language() -> str:
    """The language chosen in the sidebar (``FMNIST_LANG`` until the user picks one)."""
    return st.session_state.get(LANGUAGE_KEY) or settings.default_language()


def t(key: str, **values: object) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    text = MESSAGES[key][language()]
    return text.format(**values) if values else text

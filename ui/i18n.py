"""The one message catalog: every word the dashboard shows, in English and Korean.

``t("key", **values)`` returns the text in the language chosen in the sidebar. A test checks that
every key has both languages, so a missing translation fails CI instead of showing a key. The
engine's own messages (a network's problems, bad files, store errors...) are written in English
once, where they are raised; this catalog holds only their Korean.
"""

from __future__ import annotations

import re

import streamlit as st

from fmnist_core import settings
from ui import korean

LANGUAGES = {"en": "English", "ko": "한국어"}
LANGUAGE_KEY = "language"

MESSAGES: dict[str, dict[str, str]] = {
    # --- app and sidebar
    "app.title": {"en": "Fashion-MNIST CNN Studio", "ko": "Fashion-MNIST CNN 스튜디오"},
    "nav.home": {"en": "Home", "ko": "홈"},
    "nav.lecture": {"en": "Lecture", "ko": "강의"},
    "nav.dataset": {"en": "Dataset", "ko": "데이터셋"},
    "nav.architecture": {"en": "Architecture", "ko": "아키텍처"},
    "nav.train": {"en": "Train", "ko": "학습"},
    "nav.compare": {"en": "Compare", "ko": "비교"},
    "nav.draw": {"en": "Draw", "ko": "그리기"},
    "sidebar.language": {"en": "Language", "ko": "언어"},
    "sidebar.data": {"en": "Data: {source}", "ko": "데이터: {source}"},
    "sidebar.data_counts": {
        "en": "{train:,} training + {test:,} test images",
        "ko": "학습 {train:,}장 + 테스트 {test:,}장",
    },
    "sidebar.data_broken": {
        "en": "cannot be loaded (the page says why)",
        "ko": "불러올 수 없음 (이유는 페이지에 있습니다)",
    },
    "device.gpu": {"en": "GPU: {names} ({backend})", "ko": "GPU: {names} ({backend})"},
    "device.cpu": {
        "en": "CPU {machine}, {cores} cores ({backend})",
        "ko": "CPU {machine}, 코어 {cores}개 ({backend})",
    },
    "device.cpu_one": {
        "en": "CPU {machine}, 1 core ({backend})",
        "ko": "CPU {machine}, 코어 1개 ({backend})",
    },
    "device.on_node": {"en": "{device} on node {node}", "ko": "{device} · 노드 {node}"},
    "train.device_on_node": {"en": "{kind} on {node}", "ko": "{kind} · {node}"},
    "device.unknown": {
        "en": "unknown (asking the Keras backend failed; see the server log)",
        "ko": "알 수 없음 (Keras 백엔드 확인 실패, 서버 로그 참고)",
    },
    "sidebar.runs": {"en": "Runs: {store} · {executor}", "ko": "실행 기록: {store} · {executor}"},
    "sidebar.store_sqlite": {"en": "SQLite file {where}", "ko": "SQLite 파일 {where}"},
    "sidebar.store_postgresql": {"en": "PostgreSQL {where}", "ko": "PostgreSQL {where}"},
    "sidebar.executor_local": {
        "en": "trained by workers on this machine",
        "ko": "이 컴퓨터의 작업자가 학습",
    },
    "sidebar.executor_ray": {"en": "trained on Ray ({address})", "ko": "Ray({address})에서 학습"},
    "sidebar.ray_here": {"en": "this machine", "ko": "이 컴퓨터"},
    "sidebar.executor_unknown": {
        "en": "FMNIST_EXECUTOR names no executor",
        "ko": "FMNIST_EXECUTOR가 실행기를 가리키지 않음",
    },
    "sidebar.device": {"en": "Compute: {device}", "ko": "연산 장치: {device}"},
    "source.data-dir": {
        "en": "your folder (FMNIST_DATA_DIR)",
        "ko": "지정한 폴더 (FMNIST_DATA_DIR)",
    },
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
    "error.data_dir_hint": {
        "en": "The studio reads this folder because FMNIST_DATA_DIR names it; without it (unset, "
        "then restart the studio) it uses Keras' download, or offline its bundled sample.",
        "ko": "FMNIST_DATA_DIR가 이 폴더를 가리키므로 스튜디오가 여기서 읽습니다. 이 변수를 지우고 "
        "스튜디오를 다시 시작하면 Keras 다운로드를, 오프라인이면 함께 든 샘플을 씁니다.",
    },
    "train.no_form_without_data": {
        "en": "New runs need the data, so the New run form is away until it can be read; the "
        "runs trained before are below.",
        "ko": "새 실행에는 데이터가 필요하므로, 데이터를 읽을 수 있을 때까지 새 실행 양식은 보이지 "
        "않습니다. 이전에 학습한 실행은 아래에 있습니다.",
    },
    "train.no_data_no_runs": {
        "en": "Training needs the data: once it can be read, the New run form will appear here.",
        "ko": "학습에는 데이터가 필요합니다. 데이터를 읽을 수 있게 되면 여기에 새 실행 양식이 나타납니다.",
    },
    "error.data": {
        "en": "The Fashion-MNIST data could not be loaded: {error}",
        "ko": "Fashion-MNIST 데이터를 불러올 수 없습니다: {error}",
    },
    "error.data_detail": {
        "en": "{path} {problem}. {fix}",
        "ko": "{path}: {problem}. {fix}",
    },
    "error.unexpected": {
        "en": "Something went wrong ({error}). The details are in the server log; "
        "try again, and report it if it keeps happening.",
        "ko": "문제가 발생했습니다({error}). 자세한 내용은 서버 로그에 있습니다. "
        "다시 시도하고, 계속되면 알려 주세요.",
    },
    "spinner.data": {"en": "Loading Fashion-MNIST…", "ko": "Fashion-MNIST 불러오는 중…"},
    # --- home
    "home.purpose": {
        "en": "Learn and experiment with convolutional networks on Fashion-MNIST: see the "
        "data, build a network and understand its parameter count, train it while the curves "
        "grow, compare variants honestly, and try a model on your own drawing.",
        "ko": "Fashion-MNIST로 합성곱 신경망을 배우고 실험하세요. 데이터를 살펴보고, 네트워크를 만들어 "
        "파라미터 수를 이해하고, 곡선이 자라는 것을 보며 학습하고, 변형을 공정하게 비교하고, 직접 그린 "
        "그림으로 모델을 시험해 보세요.",
    },
    "home.images": {"en": "Images", "ko": "이미지"},
    "home.classes": {"en": "Classes", "ko": "클래스"},
    "home.presets": {"en": "Preset networks", "ko": "프리셋 네트워크"},
    "home.start": {"en": "Where to start", "ko": "어디서 시작할까요"},
    "home.about_lecture": {
        "en": "Follow the lecture step by step, each step worked out and done here.",
        "ko": "강의를 단계별로 따라가며, 각 단계를 여기서 계산하고 직접 해 보기.",
    },
    "home.about_dataset": {
        "en": "See the {count:,} images, class by class.",
        "ko": "{count:,}장의 이미지를 클래스별로 보기.",
    },
    "home.about_architecture": {
        "en": "Pick or build a network; see every parameter counted.",
        "ko": "네트워크를 고르거나 만들고, 파라미터 계산을 확인하기.",
    },
    "home.about_train": {
        "en": "Train in the background; watch the curves grow.",
        "ko": "백그라운드에서 학습하며 곡선이 자라는 것 보기.",
    },
    "home.about_compare": {
        "en": "Put runs side by side, honestly.",
        "ko": "실행 결과를 공정하게 나란히 비교하기.",
    },
    "home.about_draw": {
        "en": "Draw a garment; see what the model thinks.",
        "ko": "옷을 그리고 모델의 생각 확인하기.",
    },
    "home.lecture": {"en": "The lecture's three models", "ko": "강의의 세 모델"},
    "home.col_model": {"en": "Model", "ko": "모델"},
    "home.col_lecture_accuracy": {
        "en": "Lecture test accuracy (25 epochs)",
        "ko": "강의 테스트 정확도 (25 에포크)",
    },
    "home.lecture_note": {
        "en": "Each is a preset on the Architecture page; train them with the lecture's recipe "
        "on the Train page and compare the curves: pooling and dropout beat plain convolutions "
        "with 16 times fewer parameters.",
        "ko": "각각 아키텍처 페이지의 프리셋입니다. 학습 페이지에서 강의 설정으로 학습하고 곡선을 비교하세요. 풀링과 드롭아웃은 파라미터가 16배 적고도 단순 합성곱보다 낫습니다.",
    },
    "home.measured": {
        "en": "What the presets reached here",
        "ko": "여기서 프리셋이 얻은 결과",
    },
    "home.col_recipe": {"en": "Recipe", "ko": "학습 설정"},
    "home.col_epochs": {"en": "Epochs", "ko": "에포크"},
    "home.col_accuracy": {
        "en": "Test accuracy: median (lowest – highest)",
        "ko": "테스트 정확도: 중앙값 (최저 – 최고)",
    },
    "home.col_seeds": {"en": "Seeds", "ko": "시드 수"},
    "home.col_training_time": {"en": "Training time (median)", "ko": "학습 시간 (중앙값)"},
    "home.col_measured_on": {"en": "Measured on", "ko": "측정 장치, 날짜"},
    "home.measured_intro": {
        "en": "What each network reached on this studio's benchmarks, and how long it trained. A "
        "seed is one training from another random start: half of the seeds did at least as well "
        "as the median, and none worse than the lowest. A run of yours with the same network, "
        "recipe and epochs on all the images should land near that range (the fewer the seeds, "
        "the less sure the range).",
        "ko": "각 네트워크가 이 스튜디오의 벤치마크에서 얻은 정확도와 학습 시간입니다. 시드는 다른 "
        "무작위 시작점에서 한 번 학습한 것입니다. 시드의 절반은 중앙값 이상이었고 최저값보다 나쁜 "
        "시드는 없었습니다. 같은 네트워크, 설정, 에포크로 전체 이미지에서 학습한 실행은 그 범위 "
        "가까이에 들 것입니다(시드가 적을수록 범위는 덜 확실합니다).",
    },
    "home.epochs_cut": {
        "en": "{epochs} of {planned} (cut short to fit the machine)",
        "ko": "{planned} 에포크 중 {epochs} 에포크 (장치에 맞추어 줄임)",
    },
    "home.seeds_before_protocol": {
        "en": "{seeds} (before the protocol)",
        "ko": "{seeds} (측정 규칙 이전)",
    },
    "home.seeds_measuring": {
        "en": "{seeds} of {wanted} (still measuring)",
        "ko": "{wanted}개 중 {seeds}개 (측정 중)",
    },
    "home.start_here": {
        "en": "New here? Start with the **Lecture**: it goes through the lecture's steps one by "
        "one — the data, the three networks, their training and evaluation — each with a button "
        "that does it in the studio. Then change a network on **Architecture**, train it on "
        "**Train** and put it beside the lecture's on **Compare**.",
        "ko": "처음이라면 **강의**부터 시작하세요. 데이터, 세 네트워크, 학습과 평가까지 강의의 단계를 "
        "하나씩 따라가며, 단계마다 스튜디오에서 직접 해 보는 버튼이 있습니다. 그다음 **아키텍처**에서 "
        "네트워크를 바꾸고, **학습**에서 학습시키고, **비교**에서 강의의 네트워크와 나란히 놓아 보세요.",
    },
    "home.measured_note": {
        "en": "Each row is the newest benchmark record in bench/results/; the lecture's recipe, "
        "which never changes, also counts the seeds of earlier records (lecture-3's 25 epochs "
        "took {lecture_time} a seed here, so its seeds are run a few at a time). Times depend "
        "on the machine's load at the time, which each record notes; an idle machine may be "
        "quicker. The protocol "
        "(bench/README.md): networks and recipes are chosen on a validation split, never on the "
        "test set; the test set is scored once per finished run; accuracy is the median and "
        "range over seeds (at least 5, fewer while a row is still being measured; 3 for the "
        "strong recipe, about ten minutes a seed, as its target asks), time the median. Rows "
        "dated before 2026-11-29 were recorded before this protocol, on one seed.",
        "ko": "각 행은 bench/results/의 가장 최근 벤치마크 기록입니다. 바뀌지 않는 강의 설정은 이전 "
        "기록의 시드도 함께 셉니다(여기서 lecture-3의 25 에포크는 시드당 {lecture_time} 걸려서 시드를 "
        "몇 개씩 나누어 학습합니다). 시간은 그때 장치의 부하에 따라 달라지며(기록마다 "
        "적혀 있음), 한가한 장치에서는 더 빠를 수 있습니다. 측정 규칙(bench/README.md): 네트워크와 학습 설정은 테스트 세트가 아니라 "
        "검증 데이터로 고르고, 테스트 세트는 학습이 끝난 실행마다 한 번만 평가하며, 정확도는 여러 "
        "시드(5개 이상, 아직 측정 중인 행은 그보다 적음; 시드당 10분쯤 걸리는 강한 설정은 목표대로 "
        "3개)의 중앙값과 범위, 시간은 중앙값입니다. 2026-11-29 이전 날짜의 행은 이 규칙 이전에 시드 "
        "하나로 기록된 것입니다.",
    },
    "home.no_measurement": {
        "en": "No measurement is recorded: bench/results/ holds no readable benchmark record. "
        "Run a benchmark (bench/README.md) to make one.",
        "ko": "기록된 측정이 없습니다: bench/results/에 읽을 수 있는 벤치마크 기록이 없습니다. "
        "벤치마크(bench/README.md)를 실행해 기록을 만드세요.",
    },
    # --- lecture page
    "lecture.purpose": {
        "en": 'The lecture "텐서플로 기반 딥러닝 — Fashion MNIST, CNN 적용" step by step: each '
        "step's code as the lecture wrote it, what it printed, and the same step worked out here "
        "from the data in use and the presets, with a button that does it in the studio.",
        "ko": "강의 「텐서플로 기반 딥러닝 — Fashion MNIST, CNN 적용」을 단계별로 따라갑니다. 단계마다 "
        "강의 코드와 강의의 출력, 그리고 같은 단계를 이 스튜디오가 지금 쓰는 데이터와 프리셋으로 직접 "
        "계산한 결과를 나란히 보여 주고, 스튜디오에서 그 단계를 해 보는 버튼을 둡니다.",
    },
    "lecture.printed": {"en": "The lecture printed", "ko": "강의의 출력"},
    "lecture.here": {"en": "Here", "ko": "이 스튜디오의 결과"},
    "lecture.data_full": {
        "en": "From the full data, read from {source}: {train:,} training and {test:,} test "
        "images.",
        "ko": "{source}에서 읽은 전체 데이터로 계산: 학습 이미지 {train:,}장, 테스트 이미지 {test:,}장.",
    },
    "lecture.data_sample": {
        "en": "From the offline sample, not the full data: {train:,} training and {test:,} "
        "test images, so the counts differ from the lecture's.",
        "ko": "전체 데이터가 아닌 오프라인 샘플로 계산: 학습 이미지 {train:,}장, 테스트 이미지 "
        "{test:,}장이라 개수가 강의와 다릅니다.",
    },
    "lecture.data_partial": {
        "en": "From the data in {source}: {train:,} training and {test:,} test images rather "
        "than the full 60,000 and 10,000, so the counts differ from the lecture's.",
        "ko": "{source}의 데이터로 계산: 전체 60,000장과 10,000장이 아닌 학습 이미지 {train:,}장, "
        "테스트 이미지 {test:,}장이라 개수가 강의와 다릅니다.",
    },
    "lecture.load_title": {
        "en": "1. Load the data and normalise it",
        "ko": "1. 데이터 불러오기와 정규화",
    },
    "lecture.load_what": {
        "en": "`load_data()` returns the training and test images as 28x28 arrays of whole "
        "numbers from 0 (black) to 255 (white), and their labels. Dividing by `255.0` turns every "
        "pixel into a number from 0 to 1, the small, even scale a network learns well from.",
        "ko": "`load_data()`는 학습 이미지와 테스트 이미지를 0(검정)에서 255(흰색) 사이 정수로 된 "
        "28x28 배열로, 그리고 각 이미지의 레이블을 돌려줍니다. `255.0`으로 나누면 모든 화소가 0에서 1 "
        "사이 값이 되어, 네트워크가 학습하기 좋은 작고 고른 크기가 됩니다.",
    },
    "lecture.start_measured": {
        "en": "The lecture's recipe was measured {claim}. A run trains in the background; Stop "
        "on the Train page ends it.",
        "ko": "강의 설정을 {claim}. 학습은 백그라운드에서 진행되며, 학습 페이지의 중지 "
        "버튼으로 끝낼 수 있습니다.",
    },
    "lecture.to_dataset": {
        "en": "See the images on the Dataset page",
        "ko": "데이터셋 페이지에서 이미지 보기",
    },
    "lecture.to_dataset_grid": {
        "en": "See these 16 images on the Dataset page, and the rest after them",
        "ko": "데이터셋 페이지에서 이 16장과 그 뒤의 이미지 보기",
    },
    "lecture.reshape_title": {
        "en": "2. Reshape for Conv2D: one channel axis",
        "ko": "2. Conv2D에 맞게 모양 바꾸기: 채널 축 하나",
    },
    "lecture.reshape_what": {
        "en": "`Conv2D` takes each image as height x width x channels. A greyscale image has one "
        "channel (a colour photo has three: red, green, blue), so `(60000, 28, 28)` becomes "
        "`(60000, 28, 28, 1)`. The channels are the D of a convolution's parameter count "
        "K·F²·D + K: each kernel has F x F weights for every input channel.",
        "ko": "`Conv2D`는 이미지 한 장을 높이 x 너비 x 채널로 받습니다. 흑백 이미지는 채널이 "
        "하나이므로(컬러 사진은 빨강, 초록, 파랑 세 개) `(60000, 28, 28)`이 `(60000, 28, 28, 1)`이 "
        "됩니다. 이 채널 수가 합성곱 파라미터 식(커널 수 · 커널 크기² · 채널 + 커널 수)의 "
        "'채널'입니다. 커널 하나가 입력 채널마다 커널 크기 x 커널 크기 개의 가중치를 가집니다.",
    },
    "lecture.grid_title": {
        "en": "3. The first 16 training images and their labels",
        "ko": "3. 처음 16장의 학습 이미지와 레이블",
    },
    "lecture.grid_what": {
        "en": "The lecture draws the first 16 training images in a 4x4 grid and prints their "
        "labels. A label is the class's number; the list below names each one.",
        "ko": "강의는 처음 16장의 학습 이미지를 4x4 격자로 그리고 레이블을 출력합니다. 레이블은 "
        "클래스 번호이고, 아래 목록이 각 번호의 이름입니다.",
    },
    "lecture.grid_same": {
        "en": "The same 16 labels as in the lecture.",
        "ko": "강의와 같은 레이블 16개입니다.",
    },
    "lecture.grid_differs": {
        "en": "Not the lecture's 16 labels: the data in use does not begin with the full "
        "data's first images (the offline sample holds a few hundred images of each class).",
        "ko": "강의의 레이블 16개와 다릅니다. 지금 쓰는 데이터가 전체 데이터의 처음 이미지로 시작하지 "
        "않기 때문입니다(오프라인 샘플은 클래스마다 수백 장씩 골라 담았습니다).",
    },
    "lecture.labels": {"en": "The ten labels", "ko": "레이블 10개"},
    "lecture.model1_title": {
        "en": "4. The first model: three convolutions",
        "ko": "4. 첫 번째 모델: 합성곱 세 개",
    },
    "lecture.model1_what": {
        "en": "Three 3x3 convolutions with 16, 32 and 64 kernels, without activation or pooling, "
        "then `Flatten` and two `Dense` layers. `model.summary()` lists each layer's output shape "
        "and parameters; the table counts each with the lecture's formula: a convolution has "
        "K·F²·D + K (kernels, kernel size, channels), a dense layer (inputs + 1)·outputs.",
        "ko": "3x3 합성곱 세 개(커널 수 16, 32, 64)를 활성화 함수도 풀링도 없이 쌓고, `Flatten`과 "
        "`Dense` 층 두 개를 붙입니다. `model.summary()`는 층마다 출력 형태와 파라미터 수를 "
        "보여 주고, 아래 표는 강의의 식으로 셉니다. 합성곱은 커널 수 · 커널 크기² · 채널 + "
        "커널 수, Dense 층은 (입력수 + 1) · 출력수입니다.",
    },
    "lecture.open_architecture": {
        "en": "Open {name} on the Architecture page",
        "ko": "아키텍처 페이지에서 {name} 열기",
    },
    "lecture.fit_title": {
        "en": "5. Training: 25 epochs, a quarter held out for validation",
        "ko": "5. 학습: 25 에포크, 4분의 1은 검증용",
    },
    "lecture.fit_what": {
        "en": "`fit` trains for 25 epochs. `validation_split=0.25` keeps the last quarter of the "
        "training images for validation, and Keras updates the weights once per batch of 32 "
        "images, so an epoch is ⌈60,000 · 3/4 / 32⌉ = 1,407 steps: the 1407/1407 of its progress "
        "bar. Change the batch size and the split to see the steps here follow.",
        "ko": "`fit`은 25 에포크 동안 학습합니다. `validation_split=0.25`는 학습 이미지의 마지막 "
        "4분의 1을 검증용으로 떼어 두고, Keras는 배치 32장마다 가중치를 한 번 고치므로 한 에포크는 "
        "⌈60,000 · 3/4 / 32⌉ = 1,407 스텝, 진행 막대의 1407/1407입니다. 배치 크기와 검증 비율을 "
        "바꾸면 아래 스텝 수가 따라 바뀝니다.",
    },
    # After the split: a run's "600 training images" are the images before it (the form's box).
    "lecture.training_images": {
        "en": "Images fitted (after the split)",
        "ko": "학습에 쓰는 이미지 (검증분 제외)",
    },
    "lecture.validation_images": {"en": "Validation images", "ko": "검증 이미지"},
    "lecture.steps": {"en": "Steps per epoch", "ko": "에포크당 스텝"},
    "lecture.lecture_sum": {"en": "The lecture", "ko": "강의"},
    "lecture.model": {"en": "Lecture model", "ko": "강의 모델"},
    "lecture.start": {
        "en": "Train {name} with the lecture's recipe ({epochs} epochs, batch {batch}, "
        "validation split {split})",
        "ko": "강의 설정으로 {name} 학습 ({epochs} 에포크, 배치 {batch}, 검증 비율 {split})",
    },
    "lecture.quick": {
        "en": "Quick try: {epochs} epochs on the first {images:,} images",
        "ko": "빠르게 해 보기: 처음 {images:,}장으로 {epochs} 에포크",
    },
    "lecture.quick_help": {
        "en": "The lecture's recipe with fewer epochs and images, so the curves grow within "
        "minutes on a CPU. Its accuracy stays below the lecture's; Compare shows both runs.",
        "ko": "강의 설정에서 에포크와 이미지 수만 줄여 CPU에서도 몇 분 안에 곡선이 자라는 것을 "
        "볼 수 있습니다. 정확도는 강의보다 낮으며, 비교 페이지에서 두 실행을 함께 볼 수 있습니다.",
    },
    "lecture.steps_try": {
        "en": "Try other values: the steps per epoch below follow them. The buttons further down "
        "train with the lecture's recipe; the last one takes these two values to the Train page.",
        "ko": "다른 값을 넣어 보세요. 아래의 에포크당 스텝 수가 따라 바뀝니다. 그 아래 버튼들은 강의 "
        "설정으로 학습하고, 마지막 버튼은 이 두 값을 학습 페이지로 가져갑니다.",
    },
    "lecture.on_train_page": {
        "en": "Choose the epochs and images yourself: open {name} on the Train page",
        "ko": "에포크와 이미지 수 직접 정하기: 학습 페이지에서 {name} 열기",
    },
    "lecture.on_train_page_help": {
        "en": "The Train page opens with this network and the lecture's recipe, at batch size "
        "{batch} and validation split {split}; set the epochs and the number of training images "
        "there, then start.",
        "ko": "이 네트워크와 강의 설정(배치 크기 {batch}, 검증 비율 {split})으로 학습 페이지가 열립니다. "
        "그곳에서 에포크와 학습 이미지 수를 정한 뒤 시작하세요.",
    },
    "lecture.quick_name": {"en": "{name} (quick try)", "ko": "{name} (빠르게 해 보기)"},
    "lecture.queued": {
        # Shown while the student stays on the page: an event, not the run's status (which the
        # Train page shows, and step 6 once it has finished).
        "en": "Run #{id} added to the queue. When it has finished, its curves appear in step 6 "
        "and its test score in step 7.",
        "ko": "실행 #{id}을(를) 대기열에 넣었습니다. 학습이 끝나면 6단계에 곡선이, 7단계에 테스트 "
        "점수가 나옵니다.",
    },
    "lecture.watch": {
        "en": "Watch run #{id} on the Train page",
        "ko": "학습 페이지에서 실행 #{id} 보기",
    },
    "lecture.plots_title": {
        "en": "6. Loss and accuracy per epoch",
        "ko": "6. 에포크별 손실과 정확도",
    },
    "lecture.plots_what": {
        "en": "The lecture plots `history.history`: training loss in blue and validation loss in "
        "red dashes, training accuracy in green and validation accuracy in red dashes on a 0.7 to "
        "1 axis. When the validation loss rises while the training loss keeps falling, the model "
        "is overfitting: it learns the training images rather than clothes.",
        "ko": "강의는 `history.history`를 그립니다. 학습 손실은 파란 실선, 검증 손실은 빨간 점선, "
        "학습 정확도는 초록 실선, 검증 정확도는 빨간 점선이고 정확도 축은 0.7에서 1까지입니다. "
        "학습 손실은 계속 줄어드는데 검증 손실이 오르면 과대적합입니다. 옷이 아니라 학습 이미지 "
        "자체를 외우고 있다는 뜻입니다.",
    },
    "lecture.no_lecture_epochs": {
        "en": "The lecture's per-epoch values are not recorded in this studio, so its curves are "
        "not redrawn here: the plots come only from runs trained in this studio.",
        "ko": "이 스튜디오에는 강의의 에포크별 값이 기록되어 있지 않아 강의의 곡선을 다시 그리지 "
        "않습니다. 그림은 이 스튜디오에서 학습한 실행으로만 그립니다.",
    },
    "lecture.no_run": {
        "en": "No finished run of {name} yet: start one in step 5; its curves appear here when "
        "it finishes.",
        "ko": "아직 {name}의 완료된 실행이 없습니다. 5단계에서 학습을 시작하면 끝난 뒤 여기에 곡선이 "
        "나타납니다.",
    },
    "lecture.from_run": {
        "en": "Run #{id} {name}: {epochs}, batch {batch}, validation split {split}, {images} "
        "({recipe}).",
        "ko": "실행 #{id} {name}: {epochs}, 배치 {batch}, 검증 비율 {split}, {images} ({recipe}).",
    },
    "lecture.scored_on": {
        "en": "Scored on the {test:,} test images.",
        "ko": "테스트 이미지 {test:,}장으로 평가했습니다.",
    },
    "lecture.images": {"en": "{count:,} training images", "ko": "학습 이미지 {count:,}장"},
    "lecture.images_all": {"en": "all training images", "ko": "학습 이미지 전체"},
    "lecture.lecture_recipe": {"en": "the lecture's recipe", "ko": "강의 설정"},
    "lecture.studio_recipe": {
        "en": "the studio's “{recipe}”, not the lecture's recipe",
        "ko": "강의 설정이 아닌 스튜디오의 “{recipe}”",
    },
    "lecture.own_recipe": {
        "en": "a recipe of its own: {count} settings differ from the lecture's ({settings})",
        "ko": "별도의 설정: 강의 설정과 다른 설정 {count}개 ({settings})",
    },
    "lecture.other_recipe": {
        "en": "the lecture's recipe but for {settings}",
        "ko": "강의 설정과 다른 점: {settings}",
    },
    "lecture.lecture_trained": {
        "en": "; the lecture trained {epochs} epochs on all {images:,} images",
        "ko": "; 강의는 이미지 {images:,}장 전체로 {epochs} 에포크를 학습했습니다",
    },
    "lecture.open_run": {
        "en": "Open run #{id} on the Train page",
        "ko": "학습 페이지에서 실행 #{id} 열기",
    },
    "lecture.contents": {"en": "The lecture's steps", "ko": "강의 단계"},
    "lecture.evaluate_title": {
        "en": "7. Test: evaluate on images never seen",
        "ko": "7. 테스트: 처음 보는 이미지로 평가",
    },
    "lecture.evaluate_what": {
        "en": "`{cell}` scores the trained model once on the 10,000 test "
        "images, which it never trained or validated on, and returns the test loss and the "
        "test accuracy. Below: the lecture's test accuracy of each model beside what the "
        "studio's benchmark measured with the lecture's recipe over several seeds "
        "(bench/README.md), and beside your finished runs of it.",
        "ko": "`{cell}`는 학습에도 검증에도 쓰지 않은 테스트 이미지 "
        "10,000장으로 학습된 모델을 한 번 평가해 테스트 손실과 테스트 정확도를 돌려줍니다. 아래 표는 "
        "모델마다 강의의 테스트 정확도, 스튜디오 벤치마크가 강의 설정으로 여러 시드에서 잰 결과"
        "(bench/README.md), 그리고 여기서 끝난 실행의 결과를 나란히 보여 줍니다.",
    },
    "lecture.no_lecture_loss": {
        "en": "Only the lecture's test accuracy is recorded here, not its test loss (…).",
        "ko": "여기에는 강의의 테스트 정확도만 기록되어 있고 테스트 손실(…)은 없습니다.",
    },
    "lecture.col_runs": {"en": "Finished runs here", "ko": "여기서 완료된 실행"},
    "lecture.col_measured": {"en": "Benchmark here", "ko": "여기서 잰 벤치마크"},
    "lecture.measured_note": {
        "en": "“{column}”: the lecture's recipe trained from several random starts (seeds) by the "
        "studio's benchmark, median test accuracy (lowest – highest). One run of yours should land "
        "near it. Read from the records in bench/results/.",
        "ko": "“{column}”: 스튜디오 벤치마크가 강의 설정을 여러 무작위 시작점(시드)에서 학습한 결과: 테스트 정확도 "
        "중앙값 (최저 – 최고). 여기서 학습한 실행 하나도 그 근처에 들 것입니다. bench/results/의 "
        "기록에서 읽습니다.",
    },
    "lecture.col_shown": {
        "en": "Test accuracy here (the run shown)",
        "ko": "여기서의 테스트 정확도 (보여 주는 실행)",
    },
    "lecture.col_shown_loss": {"en": "Its test loss", "ko": "그 실행의 테스트 손실"},
    "lecture.col_shown_run": {"en": "Run", "ko": "실행"},
    "lecture.col_shown_how": {"en": "Trained with", "ko": "학습 설정"},
    "lecture.shown_run_rule": {
        "en": "The run shown for each model (here and on every step) is the newest you started "
        "in step 5, once it has finished; else its finished run closest to the lecture's "
        "experiment: fewest settings changed from the lecture's recipe, then the most epochs, the "
        "most images, the newest.",
        "ko": "모델마다 보여 주는 실행(여기와 모든 단계)은 5단계에서 직접 시작한 가장 최근 실행이 끝났다면 그 실행이고, "
        "아니면 강의의 실험에 가장 가까운 완료된 실행입니다: 강의 설정과 다른 설정이 가장 적고, 다음으로 에포크가 "
        "가장 많고, 이미지가 가장 많고, 가장 최근인 실행.",
    },
    "lecture.to_compare": {
        "en": "Compare the runs on the Compare page",
        "ko": "비교 페이지에서 실행 비교하기",
    },
    "lecture.model2_title": {
        "en": "8. Pooling and dropout: the second model",
        "ko": "8. 풀링과 드롭아웃: 두 번째 모델",
    },
    "lecture.model2_what": {
        "en": "Max pooling keeps the largest value of each 2x2 window, halving the map's height "
        "and width. After three convolutions and two poolings, {pooled_flat:,} values reach "
        "`Flatten` instead of {plain_flat:,}, so the first `Dense` layer holds {pooled_dense:,} "
        "parameters instead of {plain_dense:,}: far fewer weights with which to memorise the "
        "training images. `Dropout(0.3)` switches off a random 30% of the `Dense` layer's "
        "outputs at every training step, so no unit can rely on another. Both reduce "
        "overfitting.",
        "ko": "최대 풀링은 2x2 영역마다 가장 큰 값만 남겨 특성 맵의 높이와 너비를 절반으로 줄입니다. "
        "합성곱 세 번과 풀링 두 번을 거치면 `Flatten`에 들어가는 값이 {plain_flat:,}개에서 "
        "{pooled_flat:,}개로 줄어, 첫 `Dense` 층의 파라미터가 {plain_dense:,}개에서 "
        "{pooled_dense:,}개가 됩니다. 학습 이미지를 외울 가중치가 훨씬 적어지는 것입니다. "
        "`Dropout(0.3)`은 학습 스텝마다 `Dense` 층 출력의 30%를 무작위로 꺼서, 어떤 뉴런도 다른 "
        "뉴런에 기대지 못하게 합니다. 둘 다 과대적합을 줄입니다.",
    },
    "lecture.side_by_side": {
        "en": "The first model (left) and the second (right), each from its own run: watch the "
        "validation loss.",
        "ko": "첫 번째 모델(왼쪽)과 두 번째 모델(오른쪽), 각각의 실행 결과입니다. 검증 손실을 "
        "비교해 보세요.",
    },
    "lecture.side_by_side_unfair": {
        "en": "These two runs were not trained the same way. Left: {left}. Right: {right}. Part "
        "of the gap between their curves comes from that, not from pooling and dropout: train "
        "both models with the same settings (step 5) to compare the networks alone.",
        "ko": "두 실행은 같은 방식으로 학습되지 않았습니다. 왼쪽: {left}. 오른쪽: {right}. 두 곡선의 "
        "차이 가운데 일부는 풀링과 드롭아웃이 아니라 이 차이에서 옵니다. 네트워크만 비교하려면 두 "
        "모델을 같은 설정으로 학습하세요(5단계).",
    },
    "lecture.side_by_side_missing": {
        "en": "The first and second models' curves appear side by side here once both have a "
        "finished run (step 5 starts one).",
        "ko": "첫 번째와 두 번째 모델에 모두 완료된 실행이 생기면 두 곡선을 여기에 나란히 "
        "보여 줍니다(5단계에서 학습을 시작하세요).",
    },
    "lecture.model3_title": {
        "en": "9. A deeper model",
        "ko": "9. 더 깊은 모델",
    },
    "lecture.model3_what": {
        "en": "Four convolutions, each followed by ReLU: without an activation, stacked "
        "convolutions add up to one linear filter, as in the first model. 'same' padding keeps the "
        "first two at 28x28; two poolings shrink the map, and `Dropout(0.5)` after each block and "
        "each hidden `Dense` layer keeps its {params:,} parameters from overfitting. It reached "
        "{accuracy:.2%} test accuracy in the lecture, the best of the three.",
        "ko": "네 합성곱 뒤에 모두 ReLU가 있습니다. 활성화 함수가 없으면 합성곱을 여러 개 쌓아도 "
        "첫 번째 모델처럼 선형 필터 하나와 같습니다. 'same' 패딩으로 처음 두 합성곱은 28x28을 "
        "유지하고, 풀링 두 번이 특성 맵을 줄이며, 블록마다 그리고 은닉 `Dense` 층마다 붙은 "
        "`Dropout(0.5)`가 파라미터 {params:,}개의 과대적합을 막습니다. 강의에서 테스트 정확도 "
        "{accuracy:.2%}로 세 모델 중 가장 높았습니다.",
    },
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
    "dataset.choose_classes": {"en": "Choose classes", "ko": "클래스를 고르세요"},
    "dataset.grid": {"en": "Grid size", "ko": "격자 크기"},
    "dataset.shuffle": {"en": "Shuffle", "ko": "섞기"},
    "dataset.seed": {"en": "Shuffle seed", "ko": "섞기 시드"},
    "dataset.no_class": {
        "en": "No class is selected: pick at least one class to see images.",
        "ko": "선택된 클래스가 없습니다. 이미지를 보려면 클래스를 하나 이상 고르세요.",
    },
    "dataset.showing": {
        "en": "{count:,} images match ({classes}) · page {page} of {pages} · images "
        "{first:,}–{last:,}",
        "ko": "일치하는 이미지 {count:,}장 ({classes}) · {pages}쪽 중 {page}쪽 · {first:,}–{last:,}번째",
    },
    # The class box shows the first few classes only: how many it holds is said here.
    "dataset.classes_all": {"en": "all {total} classes", "ko": "클래스 {total}개 전체"},
    "dataset.classes_some": {
        "en": "{count} of {total} classes",
        "ko": "클래스 {total}개 중 {count}개",
    },
    "dataset.caption": {"en": "#{index} · {name}", "ko": "#{index} · {name}"},
    # What a part of an address takes, said when a link's part is unusable (Compare, Dataset).
    "run.takes_run": {"en": "a run number, e.g. run=3", "ko": "실행 번호, 예: run=3"},
    "run.shown_instead": {"en": "Showing run #{shown}.", "ko": "실행 #{shown}을(를) 보여 줍니다."},
    "compare.takes_runs": {
        "en": "run numbers, e.g. runs=1&runs=3",
        "ko": "실행 번호, 예: runs=1&runs=3",
    },
    "dataset.takes_split": {"en": "train or test", "ko": "train 또는 test"},
    "dataset.takes_classes": {
        "en": "class numbers from 0 to 9, e.g. classes=1&classes=3",
        "ko": "0부터 9까지의 클래스 번호, 예: classes=1&classes=3",
    },
    "dataset.takes_range": {"en": "{low} to {high}", "ko": "{low}부터 {high}까지"},
    "dataset.takes_seed": {"en": "a whole number from 0", "ko": "0 이상의 정수"},
    "dataset.image_other_class": {
        "en": "Image {index} of this split is a {name}, which the classes shown leave out: add "
        "it to Classes to see it.",
        "ko": "이 분할의 이미지 {index}번은 {name}이며, 보이는 클래스에 들어 있지 않습니다. 보려면 "
        "클래스에 추가하세요.",
    },
    "dataset.takes_image": {
        "en": "an image of the split and classes shown, 0 to {last}",
        "ko": "보이는 분할과 클래스의 이미지, 0부터 {last}까지",
    },
    "dataset.inspect": {"en": "Inspect an image", "ko": "이미지 자세히 보기"},
    "dataset.open_help": {
        "en": "Open this image up close: its pixel values and their histogram",
        "ko": "이 이미지를 자세히 봅니다: 픽셀 값과 그 히스토그램",
    },
    "dataset.inspect_pick": {"en": "Image on this page", "ko": "이 페이지의 이미지"},
    "dataset.label": {
        "en": "Image #{index} of the {split} split · label {label} ({name})",
        "ko": "{split} 분할의 #{index} 이미지 · 레이블 {label} ({name})",
    },
    "dataset.pixels": {"en": "Pixel values (0–255)", "ko": "픽셀 값 (0–255)"},
    "dataset.pixel_hover": {
        "en": "row {row}, column {column}<br>pixel value {value}",
        "ko": "{row}행, {column}열<br>픽셀 값 {value}",
    },
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
    # --- architecture page
    "arch.purpose": {
        "en": "Pick one of the lecture's models or our own, edit it layer by layer, and see where "
        "every parameter comes from.",
        "ko": "강의 모델이나 우리 모델을 고르고, 층별로 수정하며, 모든 파라미터가 어디서 오는지 확인하세요.",
    },
    "arch.source": {"en": "Network", "ko": "네트워크"},
    "arch.preset_label": {"en": "Preset · {name}", "ko": "프리셋 · {name}"},
    "arch.saved_label": {"en": "Saved · {name}", "ko": "저장됨 · {name}"},
    "arch.edited_label": {"en": "The network being edited", "ko": "수정 중인 네트워크"},
    "arch.total": {"en": "Total parameters", "ko": "전체 파라미터"},
    "arch.trainable": {"en": "Trainable", "ko": "학습 가능"},
    "arch.non_trainable": {"en": "Non-trainable", "ko": "학습 불가"},
    "arch.macs": {"en": "Multiply-adds per image", "ko": "이미지당 곱셈-덧셈"},
    "arch.macs_help": {
        "en": "Estimated from the convolution and dense layers: how much arithmetic one image costs.",
        "ko": "합성곱층과 완전연결층으로 추정한 값: 이미지 한 장에 드는 연산량입니다.",
    },
    "arch.memory": {"en": "Weights (float32)", "ko": "가중치 (float32)"},
    "arch.memory_help": {
        "en": "4 bytes a parameter: {params} × 4 = {bytes} bytes, written as Keras' "
        "model.summary() writes it (1 KB = 1,024 bytes, 1 MB = 1,024 KB).",
        "ko": "파라미터 하나에 4바이트: {params} × 4 = {bytes}바이트를 Keras의 model.summary()처럼 "
        "씁니다 (1 KB = 1,024바이트, 1 MB = 1,024 KB).",
    },
    "arch.fix_flatten": {
        "en": "Insert Flatten before that Dense layer",
        "ko": "그 Dense 층 앞에 Flatten 넣기",
    },
    "arch.layers": {"en": "Layers", "ko": "층"},
    "arch.layers_count": {"en": "Layers", "ko": "층 수"},
    "arch.name": {"en": "Name", "ko": "이름"},
    "arch.params": {"en": "params", "ko": "파라미터"},
    "arch.summary": {"en": "Summary", "ko": "요약"},
    "arch.col_layer": {"en": "Layer", "ko": "층"},
    "arch.col_shape": {"en": "Output shape", "ko": "출력 형태"},
    "arch.col_params": {"en": "Parameters", "ko": "파라미터"},
    "arch.col_formula": {"en": "How it is counted", "ko": "계산 방법"},
    "arch.col_size": {"en": "How the size is worked out", "ko": "크기 계산"},
    "arch.size_note": {
        "en": "Sizes as Keras works them out along each side: with padding 'valid' a window "
        "(a kernel or a pool) of side F fits (input − F) / stride + 1 times, rounded down "
        "(input − F + 1 at stride 1); "
        "'same' pads the input so the output is input / stride, rounded up (the input's own "
        "size at stride 1). Flatten lays the values in a row; a dense layer makes its units.",
        "ko": "크기는 Keras가 각 변을 따라 계산하는 대로입니다. 'valid' 패딩에서 창(커널이나 풀링 "
        "영역)은 (입력 − 창 크기) / 스트라이드 + 1번(내림) 들어갑니다(스트라이드 1이면 입력 − 창 "
        "크기 + 1). 'same'은 "
        "입력에 패딩을 더해 출력이 입력 / 스트라이드(올림)가 됩니다(스트라이드 1이면 입력 크기 "
        "그대로). Flatten은 값을 한 줄로 늘어놓고, 완전연결층은 유닛 수만큼 만듭니다.",
    },
    "arch.formula_note": {
        "en": "As in the lecture: a convolution has K·F²·D + K parameters (K kernels of size F "
        "over D input channels, plus one bias each); a dense layer has (inputs + 1)·outputs.",
        "ko": "강의와 같이: 합성곱층의 파라미터는 커널 수 · 커널 크기² · 채널 + 커널 수 (커널마다 "
        "편향 1개), 완전연결층은 (입력수 + 1) · 출력수입니다.",
    },
    "arch.formula_note_residual": {
        "en": "A residual block's convolutions have no bias (no “+ K”): the batch normalization "
        "after each adds a shift of its own (β), which a bias would only repeat. A batch "
        "normalization counts 4 per channel: γ and β are trained, the moving mean and variance "
        "are not.",
        "ko": "잔차 블록의 합성곱에는 편향이 없습니다(“+ K” 없음). 뒤따르는 배치 정규화가 자체 "
        "이동값(β)을 더하므로 편향은 같은 일을 되풀이할 뿐입니다. 배치 정규화는 채널마다 4개를 "
        "셉니다: γ와 β는 학습하고, 이동 평균과 분산은 학습하지 않습니다.",
    },
    "arch.picture": {"en": "The network, input on the left", "ko": "네트워크 구조 (왼쪽이 입력)"},
    "arch.train_this": {"en": "Train this network", "ko": "이 네트워크 학습하기"},
    "arch.compare": {"en": "Compare two networks", "ko": "두 네트워크 비교"},
    "arch.compare_first": {"en": "From", "ko": "기준"},
    "arch.compare_second": {"en": "To", "ko": "비교 대상"},
    "arch.compare_invalid": {
        "en": "One of the two networks is not valid yet; fix it to compare.",
        "ko": "두 네트워크 중 하나가 아직 유효하지 않습니다. 고친 뒤 비교하세요.",
    },
    "arch.manage": {"en": "Save, export and import", "ko": "저장, 내보내기, 가져오기"},
    "arch.save_name": {"en": "Save as", "ko": "저장할 이름"},
    "arch.replace": {
        "en": "Replace a saved network of that name",
        "ko": "같은 이름의 저장된 네트워크 덮어쓰기",
    },
    "arch.save": {"en": "Save", "ko": "저장"},
    "arch.saved": {
        "en": "Saved as “{name}”: the editor now shows it, and the list above has it.",
        "ko": "“{name}”(으)로 저장했습니다. 편집기가 이제 이 네트워크를 보여 주고, 위 목록에도 있습니다.",
    },
    "arch.summary_stops": {
        "en": "Layer {layer} and the layers after it are worked out here once layer {layer}'s "
        "problem above is fixed: each layer's shape depends on the ones before it.",
        "ko": "위에 적힌 {layer}번째 층의 문제를 고치면 그 층과 그 뒤의 층들도 여기서 계산됩니다: "
        "각 층의 형태는 앞 층들에 따라 정해집니다.",
    },
    "arch.picture_scroll": {
        "en": "← Swipe the picture sideways to see all its {blocks} blocks →",
        "ko": "← 그림을 옆으로 밀면 블록 {blocks}개가 모두 보입니다 →",
    },
    "arch.input_block": {"en": "Input", "ko": "입력"},
    "arch.name_taken": {
        "en": "A saved network is already called “{name}”: choose another name, or tick "
        "“Replace a saved network of that name”.",
        "ko": "“{name}”(이)라는 저장된 네트워크가 이미 있습니다. 다른 이름을 고르거나 “같은 이름의 저장된 "
        "네트워크 덮어쓰기”를 체크하세요.",
    },
    "arch.name_in_use": {
        "en": "A saved network is already called “{name}”: choose another name.",
        "ko": "“{name}”(이)라는 저장된 네트워크가 이미 있습니다. 다른 이름을 고르세요.",
    },
    "arch.save_name_unusable": {
        "en": "A network cannot be saved under this name: {problem}.",
        "ko": "이 이름으로는 네트워크를 저장할 수 없습니다. {problem}.",
    },
    "arch.name_refused": {
        "en": "The name “{name}” cannot be used: {problem}.",
        "ko": "이름 “{name}”은(는) 쓸 수 없습니다. {problem}.",
    },
    "arch.from_file": {
        "en": "“{name}” was opened from a file; it joins the list above once you save it "
        "(Save, export and import, below).",
        "ko": "“{name}”은(는) 파일에서 연 네트워크입니다. 저장하면 위 목록에 들어갑니다"
        "(아래 저장, 내보내기, 가져오기).",
    },
    "arch.from_link": {
        "en": "“{name}” came with this page's address (a link); it joins the list above once "
        "you save it (Save, export and import, below).",
        "ko": "“{name}”은(는) 이 페이지 주소(링크)로 온 네트워크입니다. 저장하면 위 목록에 "
        "들어갑니다(아래 저장, 내보내기, 가져오기).",
    },
    "arch.from_deleted": {
        "en": "“{name}” was deleted from the list above, but its layers are still here: save "
        "them again to keep them (Save, export and import, below).",
        "ko": "“{name}”은(는) 위 목록에서 삭제되었지만 층은 여기 남아 있습니다. 계속 쓰려면 다시 "
        "저장하세요(아래 저장, 내보내기, 가져오기).",
    },
    "arch.share": {"en": "Share this network as a link", "ko": "이 네트워크를 링크로 공유"},
    "arch.share_caption": {
        "en": "Whoever opens this link on this studio gets this network as you see it now, "
        "edits and name included, without saving it: send it to the class, or keep it to come "
        "back to. Copy it with the button at the box's right. It is the page's own address, "
        "which follows every edit.",
        "ko": "이 스튜디오에서 이 링크를 여는 사람은 지금 보이는 이 네트워크를 수정과 이름까지 그대로 "
        "받습니다. 저장할 필요가 없으니 수업에 보내거나 나중에 다시 열 때 쓰세요. 상자 오른쪽 버튼으로 "
        "복사합니다. 수정할 때마다 바뀌는 이 페이지의 주소 그대로입니다.",
    },
    "arch.save_off_invalid": {
        "en": "Save is off while the network cannot be built: mend the problem flagged above.",
        "ko": "네트워크를 만들 수 없는 동안에는 저장할 수 없습니다. 위에 표시된 문제를 고치세요.",
    },
    "arch.export_out_of_range": {
        "en": "A setting out of its range (flagged above) would make a file that cannot be "
        "imported again: fix it first, or share the network as a link, which keeps it as it is.",
        "ko": "범위를 벗어난 설정(위에 표시됨)이 있으면 다시 가져올 수 없는 파일이 됩니다. 먼저 "
        "고치거나, 네트워크를 그대로 담는 링크로 공유하세요.",
    },
    "arch.export": {"en": "Export as JSON", "ko": "JSON으로 내보내기"},
    "arch.import": {"en": "Import a JSON network", "ko": "JSON 네트워크 가져오기"},
    "address.unusable_settings": {
        "en": "Part of this page's address could not be used, so these settings start as they "
        "usually do: {problems}.",
        "ko": "이 페이지 주소의 일부를 쓸 수 없어서, 다음 설정은 처음 값으로 시작합니다: {problems}.",
    },
    "address.left_out": {
        "en": "Part of this page's address could not be used and is left out: {params}.",
        "ko": "이 페이지 주소의 일부를 쓸 수 없어 빼고 엽니다: {params}.",
    },
    "address.unknown_one": {
        "en": "The address names a setting this page does not have, so it was ignored: "
        "{params}. This page's settings are {known}.",
        "ko": "주소에 이 페이지에 없는 설정이 있어 무시했습니다: {params}. 이 페이지의 설정은 "
        "{known}입니다.",
    },
    "address.unknown_many": {
        "en": "The address names settings this page does not have, so they were ignored: "
        "{params}. This page's settings are {known}.",
        "ko": "주소에 이 페이지에 없는 설정이 있어 무시했습니다: {params}. 이 페이지의 설정은 "
        "{known}입니다.",
    },
    "address.did_you_mean": {"en": "did you mean {name}?", "ko": "{name}을(를) 뜻했나요?"},
    "address.unusable": {
        "en": "Part of this page's address could not be used, so these settings start as they "
        "usually do: {params}.",
        "ko": "이 페이지 주소의 일부를 쓸 수 없어서, 다음 설정은 처음 값으로 시작합니다: {params}.",
    },
    "arch.edited_name": {"en": "{name} (edited)", "ko": "{name} (수정)"},
    "arch.copy_name": {"en": "{name} (my copy)", "ko": "{name} (내 사본)"},
    "arch.numbered_name": {"en": "{name} ({number})", "ko": "{name} ({number})"},
    "arch.name_unusable": {
        "en": "This name cannot be used: {problem}. Until you change it, the page's address and "
        "the Train page call the network “{usable}”.",
        "ko": "이 이름은 쓸 수 없습니다. {problem}. 이름을 바꿀 때까지 페이지 주소와 학습 "
        "페이지에서는 이 네트워크를 다음 이름으로 부릅니다: “{usable}”.",
    },
    "arch.edited_from": {
        "en": "Edited from {name}: every figure below is your network's.",
        "ko": "{name}에서 수정한 네트워크입니다. 아래 수치는 모두 수정한 네트워크의 것입니다.",
    },
    "arch.deleted_kept": {
        "en": "“{name}” was open here: its layers stay in the editor, so you can save them again "
        "or pick another network.",
        "ko": "삭제한 “{name}”은(는) 이 페이지에서 열려 있었습니다. 층은 편집기에 그대로 남아 있으니 "
        "다시 저장하거나 다른 네트워크를 고르세요.",
    },
    "arch.source_outside": {
        "en": "Not in this list: pick a network to load it instead",
        "ko": "목록에 없는 네트워크입니다. 목록에서 고르면 그 네트워크를 불러옵니다",
    },
    "arch.edited_from_file": {
        "en": "Edited from {name} (opened from a file or a link): every figure below is your "
        "network's.",
        "ko": "{name}(파일이나 링크로 연 네트워크)에서 수정한 네트워크입니다. 아래 수치는 모두 "
        "수정한 네트워크의 것입니다.",
    },
    "run.link_missing_none": {
        "en": "This page's address names run {linked}, but this studio has no runs yet (the link "
        "may come from another studio).",
        "ko": "이 페이지 주소가 실행 {linked}을(를) 가리키지만 이 스튜디오에는 아직 실행이 없습니다(다른 "
        "스튜디오의 링크일 수 있습니다).",
    },
    "run.link_missing": {
        "en": "This page's address names run {linked}, which this studio does not have (deleted, "
        "or from another studio): showing run #{shown} instead. Pick a run from the list.",
        "ko": "이 페이지 주소가 가리키는 실행 {linked}은(는) 이 스튜디오에 없습니다(삭제되었거나 다른 "
        "스튜디오의 실행). 대신 실행 #{shown}을(를) 보여 줍니다. 목록에서 실행을 고르세요.",
    },
    "network.name_unknown": {
        "en": "This page's address names a network the studio does not have (arch={name}): "
        "pick one from the list, or save yours under that name first.",
        "ko": "이 페이지 주소가 스튜디오에 없는 네트워크를 가리킵니다(arch={name}). 목록에서 "
        "고르거나, 먼저 그 이름으로 네트워크를 저장하세요.",
    },
    "network.link_bad": {
        "en": "The network in this page's address cannot be read: {error}. The page opened "
        "without it; copy the whole address again, or pick a network below.",
        "ko": "이 페이지 주소에 담긴 네트워크를 읽을 수 없습니다: {error}. 그 네트워크 없이 "
        "열었습니다. 주소 전체를 다시 복사하거나 아래에서 네트워크를 고르세요.",
    },
    "arch.import_bad": {
        "en": "That file cannot be imported: {error}. Nothing was changed.",
        "ko": "이 파일은 가져올 수 없습니다: {error}. 아무것도 바뀌지 않았습니다.",
    },
    "arch.import_load": {"en": "Open “{name}” in the editor", "ko": "“{name}” 편집기에서 열기"},
    "arch.store_away": {
        "en": "The presets can still be looked at, edited and exported here; saving, and your "
        "saved networks, wait until the run store is back.",
        "ko": "프리셋은 여기서 그대로 보고, 고치고, 내보낼 수 있습니다. 저장과 저장한 네트워크는 실행 저장소가 "
        "돌아올 때까지 기다려야 합니다.",
    },
    "arch.saved_wait": {
        "en": "Your saved networks are in the run store, which cannot be used just now (see the "
        "message at the top of the page).",
        "ko": "저장한 네트워크는 실행 저장소에 있는데, 지금은 저장소를 쓸 수 없습니다(페이지 맨 위의 메시지를 "
        "보세요).",
    },
    "arch.none_saved": {
        "en": "No saved networks yet: edit one and save it here.",
        "ko": "저장된 네트워크가 아직 없습니다. 수정한 뒤 여기에 저장하세요.",
    },
    "arch.saved_list": {"en": "Saved networks", "ko": "저장된 네트워크"},
    "arch.rename_to": {"en": "New name", "ko": "새 이름"},
    "arch.rename": {"en": "Rename", "ko": "이름 바꾸기"},
    "arch.delete_confirm": {"en": "Yes, delete “{name}”", "ko": "네, “{name}” 삭제"},
    "arch.delete": {"en": "Delete", "ko": "삭제"},
    "arch.renamed": {
        "en": "Renamed “{old}” to “{new}”.",
        "ko": "“{old}”의 이름을 “{new}”(으)로 바꿨습니다.",
    },
    "arch.deleted": {"en": "Deleted “{name}”.", "ko": "“{name}”을(를) 삭제했습니다."},
    "arch.move_up": {"en": "Move up", "ko": "위로"},
    "arch.move_down": {"en": "Move down", "ko": "아래로"},
    "arch.remove": {"en": "Remove this layer", "ko": "이 층 삭제"},
    "arch.add_type": {"en": "Add a layer", "ko": "층 추가"},
    "arch.add_position": {"en": "At position", "ko": "위치"},
    "arch.add": {"en": "Add", "ko": "추가"},
    "setting.filters": {"en": "Filters", "ko": "필터 수"},
    "setting.units": {"en": "Units", "ko": "유닛 수"},
    "setting.kernel_size": {"en": "Kernel", "ko": "커널 크기"},
    "setting.pool_size": {"en": "Pool", "ko": "풀 크기"},
    "setting.strides": {"en": "Stride", "ko": "스트라이드"},
    "setting.padding": {"en": "Padding", "ko": "패딩"},
    "setting.activation": {"en": "Activation", "ko": "활성화"},
    "setting.rate": {"en": "Rate", "ko": "비율"},
    # --- train page
    "train.purpose": {
        # The curves grow; the loss itself falls (review 102).
        "en": "Train a network in the background and watch its loss and accuracy curves grow, "
        "epoch by epoch; you can browse other pages or refresh meanwhile.",
        "ko": "백그라운드에서 네트워크를 학습하고 에포크마다 손실과 정확도 곡선이 자라는 것을 보세요. "
        "그동안 다른 페이지를 보거나 새로 고쳐도 됩니다.",
    },
    "train.handed": {
        "en": "From the Architecture page · {name}",
        "ko": "아키텍처 페이지에서 · {name}",
    },
    "train.handed_run": {
        "en": "From run #{id} · {name}",
        "ko": "실행 #{id}에서 · {name}",
    },
    "train.handed_edited": {
        "en": "You have changed this network on the Architecture page since you handed it over; "
        "the list still holds the version you handed over.",
        "ko": "넘겨준 뒤 아키텍처 페이지에서 이 네트워크를 바꾸었습니다. 목록에는 아직 넘겨줄 때의 "
        "버전이 있습니다.",
    },
    "train.handed_edited_impossible": {
        "en": "You have changed this network on the Architecture page since you handed it over, "
        "but the changed version cannot be built yet; the list holds the version you handed over.",
        "ko": "넘겨준 뒤 아키텍처 페이지에서 이 네트워크를 바꾸었지만, 바뀐 버전은 아직 만들 수 "
        "없습니다. 목록에는 넘겨줄 때의 버전이 있습니다.",
    },
    "train.recipe_measured_on": {"en": "Measured {claim}.", "ko": "{claim}."},
    "train.recipe_copy_not_measured": {
        "en": "Your network has the {preset} network's layers, which have not been measured "
        "with this recipe.",
        "ko": "선택한 네트워크는 {preset} 네트워크와 층이 같으며, 그 층은 이 학습 설정으로 측정한 "
        "적이 없습니다.",
    },
    "train.recipe_not_this_preset": {
        "en": "The {preset} network has not been measured with this recipe.",
        "ko": "{preset} 네트워크는 이 학습 설정으로 측정한 적이 없습니다.",
    },
    "train.recipe_edited_from": {
        "en": "Your network is edited from the {preset} network, whose figures these are; the "
        "edit itself has not been measured.",
        "ko": "선택한 네트워크는 {preset} 네트워크를 고친 것이고, 이 값은 {preset}의 값입니다. 고친 "
        "네트워크 자체는 측정한 적이 없습니다.",
    },
    "train.recipe_not_yours": {
        "en": "Your network has not been measured.",
        "ko": "선택한 네트워크는 측정한 적이 없습니다.",
    },
    "train.recipe_same_layers": {
        "en": "Your network has the {preset} network's layers, so these figures hold for it.",
        "ko": "선택한 네트워크는 {preset} 네트워크와 층이 같으므로 이 값이 그대로 해당합니다.",
    },
    "train.handed_take": {"en": "Use the edited version", "ko": "바뀐 버전 쓰기"},
    "train.new_run": {"en": "New run", "ko": "새 학습"},
    "train.network": {"en": "Network", "ko": "네트워크"},
    "train.network_size": {
        "en": "{params:,} parameters · {macs} multiply-adds per image",
        "ko": "파라미터 {params:,}개 · 이미지당 곱셈-덧셈 {macs} 번",
    },
    "train.lecture_recipe_hint": {
        "en": "💡 The lecture trained {name} with its own recipe; these differ from it here: "
        "{settings}. Press “Lecture's recipe” below to train it as the lecture did ({epochs} "
        "epochs; fewer epochs or fewer images still follow its recipe).",
        "ko": "💡 강의는 {name} 모델을 강의 설정으로 학습했습니다. 지금은 다음 설정이 그와 "
        "다릅니다: {settings}. 강의처럼 학습하려면 아래의 “강의 설정”을 누르세요({epochs} 에포크. 에포크나 "
        "이미지 수를 줄여도 강의 설정입니다).",
    },
    "train.recipe_applied": {
        "en": "“{recipe}” set: {changes}.",
        "ko": "“{recipe}” 적용: {changes}.",
    },
    "train.recipe_applied_none": {
        "en": "The settings already followed “{recipe}”; nothing changed.",
        "ko": "설정이 이미 “{recipe}” 그대로라 바뀐 값이 없습니다.",
    },
    "train.recipe_kept": {
        "en": "Left as you set them: {kept}.",
        "ko": "직접 정한 값은 그대로 둡니다: {kept}.",
    },
    "train.run_settings": {
        "en": "Network and settings of run #{id}",
        "ko": "실행 #{id}의 네트워크와 설정",
    },
    "train.edit_again": {"en": "Change and train again", "ko": "바꿔서 다시 학습"},
    "train.edit_again_help": {
        "en": "Puts this run's network and all its settings in the New run form above, to change "
        "some and start a new run; this run and its epochs stay as they are.",
        "ko": "이 실행의 네트워크와 모든 설정을 위의 새 학습 양식에 넣습니다. 일부를 바꿔 새 실행을 시작할 수 "
        "있고, 이 실행과 에포크는 그대로 남습니다.",
    },
    "train.form_from_run": {
        "en": "The New run form now holds run #{id}'s network and settings: change what you "
        "like, then press Start.",
        "ko": "새 학습 양식에 실행 #{id}의 네트워크와 설정을 넣었습니다. 바꾸고 싶은 값을 바꾼 뒤 시작을 "
        "누르세요.",
    },
    "train.run_unusable_settings": {
        "en": "Run #{id} was trained with settings the form cannot show, so these stay as they "
        "were: {problems}.",
        "ko": "실행 #{id}은(는) 양식에 나타낼 수 없는 설정으로 학습했으므로 다음 값은 그대로 둡니다: "
        "{problems}.",
    },
    "train.from_lecture": {
        "en": "From Lecture step 5: {name} with the lecture's recipe at batch size {batch} and "
        "validation split {split}, for now {epochs} on {images} (the lecture trained "
        "{lecture_epochs} epochs on every image). Choose the epochs and the number of training "
        "images below (on a CPU, a few epochs on a few thousand images train in minutes), then "
        "start.",
        "ko": "강의 5단계에서 가져온 설정: {name}, 강의 설정에 배치 크기 {batch}, 검증 비율 {split}, "
        "지금은 {images}(으)로 {epochs} (강의는 모든 이미지로 {lecture_epochs} 에포크를 학습했습니다). "
        "아래에서 에포크와 학습 이미지 수를 정한 뒤 시작하세요(CPU에서는 이미지 몇천 장으로 몇 "
        "에포크면 몇 분 안에 끝납니다).",
    },
    "train.recipe_held": {
        "en": "The settings below follow this recipe now.",
        "ko": "아래 값은 지금 이 설정을 따릅니다.",
    },
    "train.recipe_held_shorter": {
        "en": "The settings below follow this recipe, for {epochs} of its {recipe_epochs} "
        "epochs: a shorter try of it.",
        "ko": "아래 값은 이 설정을 따르되, 에포크는 {recipe_epochs} 중 {epochs}만 학습합니다(짧게 해 "
        "보기).",
    },
    "train.recipe_shorter_now": {
        "en": "**Now {epochs} of its {recipe_epochs} epochs**, a shorter try.",
        "ko": "**지금은 에포크 {recipe_epochs} 중 {epochs}**, 짧게 해 보기입니다.",
    },
    "train.recipe_lecture": {
        "en": "Lecture's recipe (Adam, batch 32, 25 epochs)",
        "ko": "강의 설정 (Adam, 배치 32, 25 에포크)",
    },
    "train.recipe_fast": {"en": "Fast recipe (CPU)", "ko": "빠른 설정 (CPU)"},
    "train.recipe_strong": {"en": "Strong recipe (CPU, longer)", "ko": "강한 설정 (CPU, 더 오래)"},
    "train.recipe_best": {"en": "Best recipe (GPU)", "ko": "최고 성능 설정 (GPU)"},
    "train.epochs": {"en": "Epochs", "ko": "에포크"},
    "train.batch": {"en": "Batch size", "ko": "배치 크기"},
    "train.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "optimizer.adam": {"en": "Adam", "ko": "Adam"},
    "optimizer.adamw": {"en": "AdamW (weight decay)", "ko": "AdamW (가중치 감쇠)"},
    "optimizer.sgd": {"en": "SGD with momentum", "ko": "모멘텀 SGD"},
    "optimizer.rmsprop": {"en": "RMSprop", "ko": "RMSprop"},
    "train.lr": {"en": "Learning rate", "ko": "학습률"},
    "train.schedule": {"en": "Learning-rate schedule", "ko": "학습률 스케줄"},
    "schedule.constant": {"en": "Constant", "ko": "고정"},
    "schedule.cosine": {"en": "Cosine decay", "ko": "코사인 감소"},
    "schedule.one-cycle": {"en": "One-cycle", "ko": "원 사이클"},
    "train.validation": {"en": "Validation data", "ko": "검증 데이터"},
    "validation.split": {
        "en": "Hold out part of the training set",
        "ko": "학습 데이터 일부를 떼어 둠",
    },
    "validation.test": {"en": "The test set", "ko": "테스트 데이터"},
    "train.val_split": {"en": "Validation split", "ko": "검증 비율"},
    "train.limit": {"en": "Training images (0 = all)", "ko": "학습 이미지 수 (0 = 전부)"},
    "train.limit_help": {
        "en": "Train on the first N images only, for a quick try.",
        "ko": "빠르게 시험하려면 앞쪽 N장만으로 학습합니다.",
    },
    "train.seed": {"en": "Random seed", "ko": "난수 시드"},
    "train.run_name": {"en": "Run name", "ko": "실행 이름"},
    "train.shift": {
        "en": "Random shift (fraction of the image)",
        "ko": "무작위 이동 (이미지 비율)",
    },
    "train.shift_help": {
        "en": "Moves each training image by up to this fraction, so the network learns shapes, not positions.",
        "ko": "학습 이미지를 이 비율만큼까지 움직여, 네트워크가 위치가 아닌 모양을 배우게 합니다.",
    },
    "train.flip": {"en": "Random horizontal flip", "ko": "무작위 좌우 뒤집기"},
    "train.patience": {"en": "Early-stopping patience (0 = off)", "ko": "조기 종료 인내 (0 = 끔)"},
    "train.patience_help": {
        "en": "Stop when the validation loss has not improved for this many epochs, and keep the best weights.",
        "ko": "검증 손실이 이 에포크 수만큼 나아지지 않으면 멈추고 가장 좋은 가중치를 유지합니다.",
    },
    "train.batch_over_images": {
        "en": "The batch size, {batch}, is larger than the {images} images each epoch trains "
        "on: every epoch is a single step on all of them. Choose a smaller batch size, or more "
        "training images, to see the loss fall step by step.",
        "ko": "배치 크기 {batch}이(가) 에포크마다 학습하는 이미지 {images}장보다 큽니다. 에포크마다 "
        "전체를 한 번에 쓰는 한 단계뿐입니다. 손실이 단계마다 줄어드는 것을 보려면 배치 크기를 줄이거나 "
        "학습 이미지를 늘리세요.",
    },
    "train.patience_idle": {
        "en": "Early stopping watches the validation loss, and a validation split of 0 leaves "
        "none: with these settings it never stops a run. Give a validation split above 0, or set "
        "the patience to 0.",
        "ko": "조기 종료는 검증 손실을 지켜보는데, 검증 비율이 0이면 검증 데이터가 없습니다. 이 설정으로는 "
        "조기 종료가 일어나지 않습니다. 검증 비율을 0보다 크게 하거나 인내를 0으로 두세요.",
    },
    "train.smoothing": {"en": "Label smoothing", "ko": "레이블 스무딩"},
    "train.mixed": {"en": "Mixed precision", "ko": "혼합 정밀도"},
    "train.mixed_help": {
        "en": "Compute in bfloat16, keeping the weights in float32, where the device does it "
        "natively: a GPU, or a CPU with AMX or AVX-512 BF16 instructions (recent Intel Xeon). "
        "Elsewhere the run computes in float32 as usual. On the 2-core development CPU it "
        "shortened the strong network's epochs, and the fast network's together with batch 256; "
        "on an H200 compiling took longer, so only long GPU runs gain (figures in "
        "bench/README.md).",
        "ko": "가중치는 float32로 두고 bfloat16으로 계산합니다. 장치가 이를 직접 지원할 때만 "
        "적용됩니다: GPU, 또는 AMX나 AVX-512 BF16 명령어가 있는 CPU(최신 Intel Xeon). 그 밖에는 "
        "평소처럼 float32로 계산합니다. 2코어 개발용 CPU에서는 strong 네트워크의 에포크 시간이 "
        "줄었고, fast 네트워크는 배치 256과 함께 쓸 때 줄었습니다. H200에서는 컴파일이 길어져 긴 GPU "
        "학습에서만 이득입니다(수치는 bench/README.md).",
    },
    "train.start": {"en": "Start training", "ko": "학습 시작"},
    "run.download_model": {"en": "Download model (.keras)", "ko": "모델 내려받기 (.keras)"},
    "run.download_model_help": {
        "en": 'Loads in plain Keras, no studio needed: `keras.models.load_model("{file}")`, then `model.evaluate(test_X, test_Y)` as in the lecture.',
        "ko": '스튜디오 없이 Keras만으로 불러옵니다: `keras.models.load_model("{file}")` 후 강의처럼 `model.evaluate(test_X, test_Y)`.',
    },
    # --- a run as a Keras script, a network as Keras code (fmnist_core/export_script.py)
    "run.download_script": {"en": "Python script (.py)", "ko": "파이썬 스크립트 (.py)"},
    "run.download_script_help": {
        "en": "This run as a plain Keras script: the same network and recipe, without the studio. `python {file} --epochs 1 --limit-train 2000` for a quick try.",
        "ko": "이 실행을 Keras만 쓰는 스크립트로 내려받습니다. 같은 네트워크와 학습 설정으로, 스튜디오 없이 학습합니다. 빠르게 해 보려면 `python {file} --epochs 1 --limit-train 2000`.",
    },
    "arch.export_code": {"en": "Export as Keras code (.py)", "ko": "Keras 코드로 내보내기 (.py)"},
    "arch.keras_code": {"en": "Keras code", "ko": "Keras 코드"},
    "arch.keras_code_caption": {
        "en": "The network as Keras builds it: paste it into a notebook, or train a run and download its whole script on the Train page.",
        "ko": "Keras로 이 네트워크를 만드는 코드입니다. 노트북에 붙여 넣거나, 학습 페이지에서 실행을 마친 뒤 학습까지 담긴 스크립트를 내려받으세요.",
    },
    "arch.keras_code_invalid": {
        "en": "The network has problems (see above); fix them to get its Keras code.",
        "ko": "네트워크에 문제가 있습니다(위 참고). 고치면 Keras 코드를 볼 수 있습니다.",
    },
    "name.unusable": {
        "en": "This name cannot be used: {problem}. Change it, or clear the box to use the name "
        "shown in it.",
        "ko": "이 이름은 쓸 수 없습니다. {problem}. 이름을 바꾸거나, 상자를 비워 그 안에 보이는 "
        "이름을 쓰세요.",
    },
    "train.bad_name": {
        "en": "the run name cannot be used: {problem}",
        "ko": "이 실행 이름은 쓸 수 없습니다: {problem}",
    },
    "train.network_impossible": {
        "en": "This network cannot be built, so it cannot be trained: {problems}. Fix it on the "
        "Architecture page, or pick another network.",
        "ko": "이 네트워크는 만들 수 없어 학습할 수 없습니다: {problems}. 아키텍처 페이지에서 고치거나 "
        "다른 네트워크를 고르세요.",
    },
    "train.refused": {"en": "Not started: {problem}.", "ko": "시작하지 않았습니다: {problem}."},
    "train.queued": {
        # Shown until the page is next drawn whole, perhaps after the run started: an event, not
        # a status.
        "en": "Run #{id} added to the queue; its status is below.",
        "ko": "실행 #{id}을(를) 대기열에 넣었습니다. 상태는 아래에 있습니다.",
    },
    "train.no_runs": {
        "en": "No runs yet: choose a network and press Start training above.",
        "ko": "아직 실행이 없습니다. 위에서 네트워크를 고르고 학습 시작을 누르세요.",
    },
    "train.share": {"en": "Share these settings as a link", "ko": "이 설정을 링크로 공유"},
    "train.share_caption": {
        "en": "Whoever opens this link on this studio gets this network and these settings in "
        "the New run form, ready to start: send it to the class. Copy it with the button that "
        "shows at the box's right while the pointer is over it. The run shown below is left "
        "out (the address bar names it).",
        "ko": "이 스튜디오에서 이 링크를 여는 사람은 새 실행 양식에 이 네트워크와 설정이 채워진 채로 바로 시작할 수 "
        "있습니다. 수업에 보내세요. 포인터를 상자 위에 올리면 오른쪽에 나타나는 버튼으로 복사합니다. 아래에 보이는 실행은 빠집니다(주소 "
        "표시줄에는 들어 있습니다).",
    },
    "train.watch": {"en": "Run shown below", "ko": "아래에 보여 주는 실행"},
    "train.gone": {"en": "This run no longer exists.", "ko": "이 실행은 더 이상 없습니다."},
    "train.progress": {
        "en": "Epoch {epoch} of {epochs} · batch {batch:,} of {batches:,}",
        "ko": "에포크 {epoch}/{epochs} · 배치 {batch:,}/{batches:,}",
    },
    "train.stop": {"en": "Stop", "ko": "중지"},
    "train.cancel": {"en": "Cancel", "ko": "취소"},
    "train.cancel_sent": {
        "en": "Run #{id} is taken off the queue: it will not train.",
        "ko": "실행 #{id}을(를) 대기열에서 뺐습니다. 학습하지 않습니다.",
    },
    "train.stop_sent": {
        "en": "Stop requested: training ends after the current batch.",
        "ko": "중지를 요청했습니다. 현재 배치가 끝나면 학습이 멈춥니다.",
    },
    "train.queue": {"en": "Waiting in the queue", "ko": "대기 중인 실행"},
    "train.training_now": {"en": "Training now", "ko": "지금 학습 중인 실행"},
    "train.training_others_one": {
        "en": "Training now: run {runs}, [listed below](#{anchor}).",
        "ko": "지금 학습 중: 실행 {runs}, [아래 목록에 있습니다](#{anchor}).",
    },
    "train.training_others": {
        "en": "Training now: runs {runs}, [listed below](#{anchor}).",
        "ko": "지금 학습 중: 실행 {runs}, [아래 목록에 있습니다](#{anchor}).",
    },
    "train.also_training_one": {
        "en": "Also training now: run {runs}, [listed below](#{anchor}).",
        "ko": "함께 학습 중: 실행 {runs}, [아래 목록에 있습니다](#{anchor}).",
    },
    "train.also_training": {
        "en": "Also training now: runs {runs}, [listed below](#{anchor}).",
        "ko": "함께 학습 중: 실행 {runs}, [아래 목록에 있습니다](#{anchor}).",
    },
    "train.training_item": {
        "en": "#{id} {name} · {done} of {epochs} done",
        "ko": "#{id} {name} · {epochs} 중 {done} 완료",
    },
    "train.show_run": {"en": "Show", "ko": "보기"},
    "train.queue_item": {"en": "#{id} {name} · {epochs}", "ko": "#{id} {name} · {epochs}"},
    "train.epoch_count": {"en": "{count} epochs", "ko": "{count} 에포크"},
    "train.epoch_count_one": {"en": "1 epoch", "ko": "1 에포크"},
    "train.recipe_cut": {
        "en": "That is fewer than the recipe's {planned} epochs, cut short to fit that machine.",
        "ko": "학습 설정의 {planned} 에포크보다 적게, 그 장치에 맞추어 줄여서 학습했습니다.",
    },
    "train.again": {"en": "Train again with the same settings", "ko": "같은 설정으로 다시 학습"},
    "train.again_help": {
        "en": "Queues this run's network with all its settings (seed included) as a new run; "
        "this run and its epochs stay as they are. To change a setting, use the form above.",
        "ko": "이 실행의 네트워크와 모든 설정(시드 포함)으로 새 실행을 대기열에 넣습니다. 이 실행과 "
        "에포크는 그대로 남습니다. 설정을 바꾸려면 위의 양식을 쓰세요.",
    },
    "train.progress_testing": {
        "en": "Every epoch trained: scoring the test set and saving the model…",
        "ko": "모든 에포크를 학습했습니다: 테스트 세트로 평가하고 모델을 저장하는 중…",
    },
    "train.progress_starting": {
        "en": "Starting: loading the data and building the network…",
        "ko": "시작하는 중: 데이터를 불러오고 네트워크를 만들고 있습니다…",
    },
    "train.progress_queued_one": {
        "en": "Waiting to start: 1 run is ahead of it in the queue.",
        "ko": "시작을 기다리는 중: 대기열에서 앞선 실행이 1개 있습니다.",
    },
    "train.progress_queued": {
        "en": "Waiting to start: {count} runs are ahead of it in the queue.",
        "ko": "시작을 기다리는 중: 대기열에서 앞선 실행이 {count}개 있습니다.",
    },
    "train.progress_queued_next": {
        "en": "Next in the queue: it starts as soon as a worker has finished the run it trains.",
        "ko": "대기열의 다음 차례: 작업자가 지금 학습하는 실행을 마치면 바로 시작합니다.",
    },
    "train.progress_queued_worker": {
        # Nothing ahead and nothing training: what the student waits for is the worker itself.
        "en": "Waiting for the background worker to take it: a worker that has just started "
        "loads Keras first, which takes a few seconds.",
        "ko": "백그라운드 작업자가 가져가기를 기다리는 중: 막 시작한 작업자는 먼저 Keras를 불러오므로 "
        "몇 초 걸립니다.",
    },
    "train.status": {"en": "Status", "ko": "상태"},
    "train.device": {"en": "Device", "ko": "장치"},
    "train.elapsed": {"en": "Elapsed", "ko": "경과 시간"},
    "train.eta": {"en": "Time left", "ko": "남은 시간"},
    "train.elapsed_help": {
        "en": "Since the worker started the run: loading the data, building the network and "
        "scoring the test set included. The Compare page's training time counts the epochs only.",
        "ko": "작업자가 실행을 시작한 뒤로 지난 시간입니다. 데이터 불러오기, 네트워크 만들기, 테스트 세트 "
        "평가가 들어 있습니다. 비교 페이지의 학습 시간은 에포크만 셉니다.",
    },
    "train.eta_stopping": {"en": "stopping…", "ko": "멈추는 중…"},
    "train.eta_testing": {"en": "testing…", "ko": "테스트하는 중…"},
    "train.stopped_after_epochs": {
        "en": " after {done} of its {planned} epochs",
        "ko": "{planned} 에포크 중 {done} 에포크를 학습한 뒤 ",
    },
    "train.stopped_mid_epoch": {
        "en": " during epoch {epoch}, after {share} of its batches",
        "ko": "{epoch}번째 에포크 도중 배치의 {share}를 학습한 뒤 ",
    },
    "train.stopped_part": {
        "en": "Epoch {epoch}'s point is drawn where it ended on the epoch axis; its training loss "
        "and accuracy average the batches it trained.",
        "ko": "{epoch}번째 에포크의 점은 에포크 축에서 멈춘 위치에 그려지고, 그 학습 손실과 정확도는 학습한 "
        "배치들만의 평균입니다.",
    },
    "train.settings_refused": {
        "en": "A run cannot start with this: {problems}. Start stays off until it changes.",
        "ko": "이 값으로는 학습을 시작할 수 없습니다: {problems}. 값을 바꿀 때까지 시작 버튼이 꺼져 있습니다.",
    },
    "train.stopped_part_validation": {
        "en": "Its validation loss and accuracy score the network as it stood when stopped, on "
        "the whole validation set.",
        "ko": "그 검증 손실과 정확도는 멈춘 시점의 네트워크를 검증 세트 전체로 평가한 값입니다.",
    },
    "train.failed": {
        "en": "Training failed: {error}. Check the network and settings, then start a new run.",
        "ko": "학습에 실패했습니다: {error}. 네트워크와 설정을 확인하고 새로 시작하세요.",
    },
    "train.failed_said": {
        "en": "Training failed: {error}.",
        "ko": "학습에 실패했습니다: {error}.",
    },
    "train.interrupted": {
        "en": "The worker stopped unexpectedly during this run (it was killed or the machine "
        "restarted). Its finished epochs are kept; the button below trains it again.",
        "ko": "이 실행 도중 작업자가 예기치 않게 멈췄습니다(강제 종료 또는 재시작). 끝난 에포크는 보존됩니다. "
        "아래 버튼으로 다시 학습할 수 있습니다.",
    },
    "train.interrupted_after_training": {
        "en": "The worker stopped unexpectedly after the run's last epoch ({planned} of "
        "{planned}), while it scored the test set or saved the model (it was killed or the "
        "machine restarted). The curves are kept, but there is no test score or model; the "
        "button below trains it again.",
        "ko": "작업자가 마지막 에포크({planned}/{planned})까지 학습한 뒤, 테스트 세트를 평가하거나 모델을 저장하던 중 "
        "예기치 않게 멈췄습니다(강제 종료 또는 재시작). 곡선은 보존되지만 테스트 점수와 모델은 없습니다. "
        "아래 버튼으로 다시 학습할 수 있습니다.",
    },
    "train.stopped_note": {
        "en": "Stopped by request{during}. The epochs so far and the partial model are kept; it "
        "has no test results.",
        "ko": "요청에 따라 {during}멈췄습니다. 지금까지의 에포크와 부분 모델은 보존되며, 테스트 결과는 "
        "없습니다.",
    },
    "train.stop_too_late": {
        "en": "Stop came after the last epoch had trained, so the run finished as planned and was "
        "scored on the test set.",
        "ko": "마지막 에포크의 학습이 끝난 뒤에 멈춤 요청이 와서, 실행은 계획대로 끝났고 테스트 세트로 "
        "평가되었습니다.",
    },
    "train.no_epochs_cancelled": {
        "en": "Cancelled before it started: nothing was trained, so there are no curves.",
        "ko": "시작하기 전에 취소되어 학습한 것이 없으므로 곡선이 없습니다.",
    },
    "train.no_epochs_ended": {
        "en": "This run ended before its first epoch did, so it has no curves.",
        "ko": "이 실행은 첫 에포크가 끝나기 전에 끝나서 곡선이 없습니다.",
    },
    "train.no_epochs": {
        "en": "The curves appear here when the first epoch ends.",
        "ko": "첫 에포크가 끝나면 여기에 곡선이 나타납니다.",
    },
    "train.test_accuracy": {"en": "Test accuracy", "ko": "테스트 정확도"},
    "train.test_loss": {"en": "Test loss", "ko": "테스트 손실"},
    "train.to_compare": {"en": "Compare with other runs", "ko": "다른 실행과 비교하기"},
    "status.queued": {"en": "queued", "ko": "대기"},
    "status.running": {"en": "running", "ko": "학습 중"},
    "status.finished": {"en": "finished", "ko": "완료"},
    "status.stopped": {"en": "stopped", "ko": "중지됨"},
    "status.failed": {"en": "failed", "ko": "실패"},
    "status.interrupted": {"en": "interrupted", "ko": "끊김"},
    "status.cancelled": {"en": "cancelled", "ko": "취소됨"},
    # --- charts
    # Plotly's own words on a chart's toolbar and in its notices, by their English text.
    "chart.plotly_Download plot as a PNG": {
        "en": "Download plot as a PNG",
        "ko": "그래프를 PNG로 내려받기",
    },
    "chart.plotly_Download plot": {"en": "Download plot", "ko": "그래프 내려받기"},
    "chart.plotly_Reset axes": {"en": "Reset axes", "ko": "축 원래대로"},
    "chart.plotly_Autoscale": {"en": "Autoscale", "ko": "축 자동 맞춤"},
    "chart.plotly_Double-click to zoom back out": {
        "en": "Double-click to zoom back out",
        "ko": "두 번 클릭하면 원래 크기로 돌아갑니다",
    },
    "chart.plotly_Preparing image - this may take a few seconds": {
        "en": "Preparing image - this may take a few seconds",
        "ko": "이미지를 만드는 중입니다. 몇 초 걸릴 수 있습니다",
    },
    "chart.plotly_Image download succeeded": {
        "en": "Image download succeeded",
        "ko": "이미지를 내려받았습니다",
    },
    "chart.plotly_Sorry, there was a problem downloading your image!": {
        "en": "Sorry, there was a problem downloading your image!",
        "ko": "이미지를 내려받지 못했습니다.",
    },
    "chart.epoch": {"en": "Epoch", "ko": "에포크"},
    "chart.time_axis": {"en": "Training time (s)", "ko": "학습 시간 (초)"},
    "chart.train": {"en": "training", "ko": "학습"},
    "chart.validation": {"en": "validation", "ko": "검증"},
    "chart.line_key": {
        "en": "Solid line, round dots: training · dashed line, diamonds: validation",
        "ko": "실선·둥근 점: 학습 · 점선·마름모: 검증",
    },
    "chart.loss": {"en": "Loss", "ko": "손실"},
    "chart.loss_axis": {"en": "Cross-entropy loss", "ko": "교차 엔트로피 손실"},
    "chart.accuracy": {"en": "Accuracy", "ko": "정확도"},
    "chart.accuracy_axis": {"en": "Accuracy (%)", "ko": "정확도 (%)"},
    "chart.normalise": {"en": "Show shares of each true class", "ko": "실제 클래스별 비율로 보기"},
    "chart.confusion": {"en": "Confusion matrix (test set)", "ko": "혼동 행렬 (테스트 데이터)"},
    "chart.true": {"en": "True class", "ko": "실제 클래스"},
    "chart.predicted": {"en": "Predicted class", "ko": "예측 클래스"},
    # --- compare page
    "compare.purpose": {
        "en": "Put runs side by side: curves, test scores, what differs between them, and "
        "where each one goes wrong.",
        "ko": "실행 결과를 나란히 비교하세요: 곡선, 테스트 점수, 서로 다른 설정, 그리고 각 모델이 틀리는 곳.",
    },
    "compare.empty": {
        "en": "No runs yet. Train a network first; every run, finished or not, appears here.",
        "ko": "아직 실행이 없습니다. 먼저 네트워크를 학습하세요. 끝났든 아니든 모든 실행이 여기에 나타납니다.",
    },
    "compare.to_train": {"en": "Go to Train", "ko": "학습 페이지로"},
    "compare.status": {"en": "Status", "ko": "상태"},
    "compare.any_status": {"en": "Any status", "ko": "모든 상태"},
    "compare.any_architecture": {"en": "Any network", "ko": "모든 네트워크"},
    "compare.architecture": {"en": "Architecture", "ko": "아키텍처"},
    "compare.tag": {"en": "Tag contains", "ko": "태그 포함"},
    "compare.col_name": {"en": "Run", "ko": "실행"},
    "compare.images": {"en": "Training images", "ko": "학습 이미지 수"},
    "compare.epochs_run": {"en": "Epochs run", "ko": "진행한 에포크"},
    "compare.best_val": {"en": "Best val. accuracy", "ko": "최고 검증 정확도"},
    "compare.final_val": {"en": "Final val. accuracy", "ko": "최종 검증 정확도"},
    "compare.train_time": {"en": "Training time", "ko": "학습 시간"},
    "compare.seconds_format": {"en": "%.0f s", "ko": "%.0f초"},
    "compare.tags": {"en": "Tags", "ko": "태그"},
    "compare.tags_help": {
        "en": "Words separated by commas, e.g. lecture, baseline",
        "ko": "쉼표로 구분한 단어, 예: 강의, 기준",
    },
    "compare.created": {"en": "Created", "ko": "생성"},
    "compare.export_table": {"en": "Download the runs table (CSV)", "ko": "실행 표 내려받기 (CSV)"},
    "compare.export_histories": {
        "en": "Download the selected runs' epochs (CSV)",
        "ko": "선택한 실행의 에포크 내려받기 (CSV)",
    },
    "compare.link_missing": {
        "en": "This page's address names runs this studio does not have ({runs}; deleted, or "
        "from another studio): the table below selects only the ones it has.",
        "ko": "이 페이지 주소가 이 스튜디오에 없는 실행을 가리킵니다({runs}, 삭제되었거나 다른 "
        "스튜디오의 실행). 아래 표에서는 있는 실행만 선택합니다.",
    },
    "sweep.link_missing": {
        "en": "This page's address names sweep {linked}, which this studio does not have "
        "(deleted, or from another studio): showing every run instead.",
        "ko": "이 페이지 주소가 가리키는 스윕 {linked}은(는) 이 스튜디오에 없습니다(삭제되었거나 "
        "다른 스튜디오의 스윕). 대신 모든 실행을 보여 줍니다.",
    },
    "sweep.link_missing_train": {
        "en": "This page's address names sweep {linked}, which this studio does not have "
        "(deleted, or from another studio). Pick a sweep from the list under “Sweeps”.",
        "ko": "이 페이지 주소가 가리키는 스윕 {linked}은(는) 이 스튜디오에 없습니다(삭제되었거나 "
        "다른 스튜디오의 스윕). “스윕” 아래 목록에서 스윕을 고르세요.",
    },
    "sweep.link_missing_no_sweeps": {
        "en": "This page's address names sweep {linked}, but this studio has no sweeps yet: "
        "switch on “Sweep: train several variants at once” above to start one.",
        "ko": "이 페이지 주소가 스윕 {linked}을(를) 가리키지만, 이 스튜디오에는 아직 스윕이 "
        "없습니다. 위의 “스윕: 여러 변형을 한 번에 학습”을 켜서 시작하세요.",
    },
    "compare.table_scroll": {
        "en": "← Swipe the table sideways: its settings and scores go on to the right →",
        "ko": "← 표를 옆으로 밀면 오른쪽에 설정과 점수가 더 있습니다 →",
    },
    "compare.pick": {
        "en": "Select runs in the table (tick the boxes on the left) to compare them.",
        "ko": "표에서 실행을 선택(왼쪽 상자 체크)하면 비교할 수 있습니다.",
    },
    "compare.no_results": {
        "en": "No test results for {runs}: only their curves are shown.",
        "ko": "테스트 결과 없음: {runs}. 곡선만 표시합니다.",
    },
    "compare.no_results_one": {
        "en": "No test results for {runs}: only its curves are shown.",
        "ko": "테스트 결과 없음: {runs}. 곡선만 표시합니다.",
    },
    "compare.no_epochs": {
        "en": "Nothing to draw for {runs}: not one epoch finished.",
        "ko": "{runs}: 끝난 에포크가 없어 그릴 것이 없습니다.",
    },
    "compare.nothing_trained": {
        "en": "None of the selected runs trained an epoch: select a run with curves.",
        "ko": "선택한 실행 중 에포크를 학습한 실행이 없습니다. 곡선이 있는 실행을 선택하세요.",
    },
    "compare.no_match": {
        "en": "No run matches these filters: clear a filter above, or change the tag it looks for.",
        "ko": "이 필터에 맞는 실행이 없습니다. 위의 필터를 지우거나 찾는 태그를 바꾸세요.",
    },
    "compare.tab_curves": {"en": "Curves", "ko": "곡선"},
    "compare.tab_scores": {"en": "Test scores", "ko": "테스트 점수"},
    "compare.tab_diff": {"en": "What differs", "ko": "다른 설정"},
    "compare.curves_differ": {
        "en": 'These runs differ in {settings}: the "{tab}" tab has their values.',
        "ko": "이 실행들은 다음이 다릅니다: {settings}. 값은 '{tab}' 탭에 있습니다.",
    },
    "compare.tab_confusion": {"en": "Confusion matrices", "ko": "혼동 행렬"},
    "compare.tab_classes": {"en": "Per class", "ko": "클래스별"},
    "compare.tab_mistakes": {"en": "Mistakes", "ko": "오분류"},
    "compare.x_axis": {"en": "X-axis", "ko": "가로축"},
    "compare.x_epoch": {"en": "Epochs", "ko": "에포크"},
    "compare.x_time": {"en": "Training time", "ko": "학습 시간"},
    "compare.overfitting": {"en": "Signs of overfitting", "ko": "과대적합 징후"},
    "compare.gap": {
        "en": "Train − val. accuracy (last epoch)",
        "ko": "학습 − 검증 정확도 (마지막 에포크)",
    },
    "compare.points": {"en": "{value:+.1f} points", "ko": "{value:+.1f}%p"},
    "compare.best_epoch": {"en": "Best val. loss at epoch", "ko": "최저 검증 손실 에포크"},
    "compare.epoch_cut_short": {
        "en": "{epoch} (stopped at {share:.0%} of it)",
        "ko": "{epoch} ({share:.0%}에서 멈춤)",
    },
    "compare.after_best": {"en": "Epochs after it", "ko": "그 뒤 에포크 수"},
    "compare.overfitting_help": {
        "en": "A large gap, or many epochs after the best validation loss, means the network "
        "memorises the training images instead of learning what generalises. The gap is in "
        "percentage points; it can be below zero early on, because the training accuracy is "
        "averaged over an epoch in which the network was still learning, while the validation "
        "accuracy is measured at its end.",
        "ko": "차이가 크거나 최저 검증 손실 뒤로 에포크가 많으면, 네트워크가 일반화 대신 학습 이미지를 외우고 있다는 뜻입니다. "
        "차이는 퍼센트포인트(%p)입니다. 학습 정확도는 네트워크가 아직 배우는 에포크 동안의 평균이고 검증 정확도는 "
        "에포크가 끝난 뒤에 재므로, 초반에는 0보다 작을 수 있습니다.",
    },
    "compare.no_scores": {
        "en": "None of the selected runs has test results yet (only finished runs do).",
        "ko": "선택한 실행 중 테스트 결과가 있는 것이 없습니다 (완료된 실행만 있음).",
    },
    "compare.no_scores_ever": {
        "en": "None of the selected runs has test results: only a run that finished is tested, "
        "and these were stopped, failed or cancelled. Select a finished run.",
        "ko": "선택한 실행 중 테스트 결과가 있는 것이 없습니다. 끝까지 학습한 실행만 평가되는데, 이 "
        "실행들은 중지되었거나 실패했거나 취소되었습니다. 완료된 실행을 고르세요.",
    },
    "compare.diff_one": {
        "en": "Run #{id}'s network and settings; select two or more runs to see what differs.",
        "ko": "실행 #{id}의 네트워크와 설정입니다. 무엇이 다른지 보려면 실행을 둘 이상 선택하세요.",
    },
    "compare.diff_only": {
        "en": "Only the settings in which the runs differ; those they share are listed below.",
        "ko": "실행끼리 다른 설정만 보여 줍니다. 같은 설정은 아래에 있습니다.",
    },
    "compare.diff_shared": {
        "en": "The {count} settings every selected run shares",
        "ko": "선택한 실행이 모두 같은 설정 {count}개",
    },
    "compare.diff_value": {"en": "Value", "ko": "값"},
    "compare.diff_none": {
        "en": "These runs have the same network and settings.",
        "ko": "이 실행들은 네트워크와 설정이 같습니다.",
    },
    "compare.per_class": {"en": "Test accuracy per class", "ko": "클래스별 테스트 정확도"},
    "compare.mistakes_run": {"en": "Run", "ko": "실행"},
    "compare.any_class": {"en": "any class", "ko": "모든 클래스"},
    "compare.other_test_set": {
        "en": "This run was scored on a different test set than the one loaded now (e.g. the "
        "offline sample), so its mistakes cannot be shown.",
        "ko": "이 실행은 지금 불러온 것과 다른 테스트 데이터(예: 오프라인 샘플)로 평가되어 오분류를 보여줄 수 없습니다.",
    },
    "compare.mistakes_count": {
        "en": "{count:,} test images misclassified (showing up to 24). Each reads: the image's "
        "number in the test split, its true class → the class the model gave, and how sure the "
        "model was of it.",
        "ko": "잘못 분류된 테스트 이미지 {count:,}장 (최대 24장 표시). 각 이미지 아래: 테스트 세트에서의 "
        "번호, 실제 클래스 → 모델이 고른 클래스, 그 클래스에 대한 모델의 확신도.",
    },
    "compare.mistake": {
        "en": "test #{index} · {true} → {predicted} ({confidence:.0%})",
        "ko": "테스트 #{index} · {true} → {predicted} ({confidence:.0%})",
    },
    "compare.manage": {
        "en": "Rename, annotate or delete runs",
        "ko": "실행 이름 바꾸기, 메모, 삭제",
    },
    "compare.manage_run": {"en": "Run", "ko": "실행"},
    "compare.rename": {"en": "Name", "ko": "이름"},
    "compare.notes": {"en": "Notes", "ko": "메모"},
    "compare.train_time_help": {
        "en": "The epochs' time only; the Train page's elapsed time also counts loading the data, "
        "building the network and scoring the test set.",
        "ko": "에포크 시간만 셉니다. 학습 페이지의 경과 시간에는 데이터 불러오기, 네트워크 만들기, 테스트 "
        "세트 평가도 들어 있습니다.",
    },
    "compare.save_info": {"en": "Save name, notes and tags", "ko": "이름, 메모, 태그 저장"},
    "compare.info_saved": {"en": "Saved “{name}”.", "ko": "“{name}” 저장했습니다."},
    "compare.delete_confirm": {
        "en": "Yes, delete {name} and its files",
        "ko": "네, 삭제합니다(파일 포함): {name}",
    },
    "compare.delete_active": {
        "en": "{name} is still queued or training, so it cannot be deleted: stop it on the "
        "Train page first.",
        "ko": "아직 대기 중이거나 학습 중이라 삭제할 수 없습니다: {name}. 먼저 학습 페이지에서 "
        "멈추세요.",
    },
    "compare.delete": {"en": "Delete run", "ko": "실행 삭제"},
    "compare.deleted": {"en": "Deleted {name}.", "ko": "{name}을(를) 삭제했습니다."},
    "compare.delete_all_confirm": {
        "en": "Yes, delete all {count} selected runs and their files: {runs}",
        "ko": "네, 선택한 실행 {count}개와 그 파일을 모두 삭제: {runs}",
    },
    "compare.delete_all": {
        "en": "Delete the {count} selected runs",
        "ko": "선택한 실행 {count}개 삭제",
    },
    "compare.delete_all_active": {
        "en": "Still queued or training, so kept: {runs}. Stop them on the Train page first.",
        "ko": "아직 대기 중이거나 학습 중이라 남겨 둡니다: {runs}. 먼저 학습 페이지에서 멈추세요.",
    },
    "compare.delete_all_failed": {
        "en": "These runs started training meanwhile, so they were kept: {runs}. The others "
        "were deleted.",
        "ko": "다음 실행은 그사이 학습을 시작해서 남겨 두었습니다: {runs}. 나머지는 삭제했습니다.",
    },
    "compare.deleted_all": {
        "en": "Deleted {count} runs: {runs}.",
        "ko": "실행 {count}개를 삭제했습니다: {runs}.",
    },
    # --- draw page
    "draw.purpose": {
        "en": "Draw a garment, upload a photo or pick a test image, and see what a trained "
        "model thinks it is — and where it looked.",
        "ko": "옷을 그리거나 사진을 올리거나 테스트 이미지를 골라, 학습된 모델이 무엇이라고 생각하는지, 어디를 보았는지 확인하세요.",
    },
    "draw.no_model": {
        "en": "No finished run yet: train a network on the Train page (the Fast recipe is the "
        "quickest way to a model that classifies well), then come back to draw.",
        "ko": "아직 완료된 실행이 없습니다. 학습 페이지에서 네트워크를 학습한 뒤(잘 분류하는 모델까지 "
        "가장 빠른 길은 빠른 설정입니다) 다시 오세요.",
    },
    "draw.model": {"en": "Model", "ko": "모델"},
    "draw.model_label": {
        "en": "#{id} {name} · test accuracy {accuracy:.2%}",
        "ko": "#{id} {name} · 테스트 정확도 {accuracy:.2%}",
    },
    "draw.model_caption": {
        "en": "{arch} · {params:,} parameters · {accuracy:.2%} on the test set",
        "ko": "{arch} · 파라미터 {params:,}개 · 테스트 데이터에서 {accuracy:.2%}",
    },
    "draw.model_label_stopped": {
        "en": "#{id} {name} · stopped early, not tested",
        "ko": "#{id} {name} · 일찍 멈춤, 테스트 안 함",
    },
    "draw.model_caption_stopped": {
        "en": "{arch} · {params:,} parameters · stopped by request {trained}: a partial model, "
        "not scored on the test set",
        "ko": "{arch} · 파라미터 {params:,}개 · 요청에 따라 {trained} 멈춘 부분 모델이라 테스트 점수가 "
        "없습니다",
    },
    "draw.source": {"en": "Input", "ko": "입력"},
    "draw.source_canvas": {"en": "Draw", "ko": "그리기"},
    "draw.source_upload": {"en": "Upload a photo", "ko": "사진 올리기"},
    "draw.source_test": {"en": "Test image", "ko": "테스트 이미지"},
    "draw.tool": {"en": "Tool", "ko": "도구"},
    "draw.tool_polygon": {"en": "Filled polygon", "ko": "채운 다각형"},
    "draw.tool_rect": {"en": "Rectangle", "ko": "사각형"},
    "draw.tool_circle": {"en": "Circle", "ko": "원"},
    "draw.tool_freedraw": {"en": "Brush", "ko": "붓"},
    "draw.brush": {"en": "Brush width", "ko": "붓 굵기"},
    "draw.live": {"en": "Classify as I draw", "ko": "그리는 대로 분류"},
    "draw.hint": {
        "en": "Fashion-MNIST items are filled light silhouettes on black: paint the garment "
        "in with a wide brush, or draw its outline with the polygon tool (click the corners, "
        "close the shape on the first point). Undo and clear are in the canvas's toolbar, "
        "which shows while the pointer is over the canvas (on a phone, once you touch it).",
        "ko": "Fashion-MNIST 물체는 검은 바탕 위의 밝게 채운 실루엣입니다. 굵은 붓으로 옷을 칠하거나, 다각형 도구로 윤곽을 그리세요(모서리를 클릭하고 첫 점에서 닫기). 되돌리기와 지우기는 캔버스 도구 모음에 있습니다. 도구 모음은 포인터가 캔버스 위에 있을 때(휴대폰에서는 캔버스를 누른 뒤) 나타납니다.",
    },
    "draw.classify": {"en": "Classify", "ko": "분류하기"},
    "draw.empty": {
        "en": "The canvas is empty: draw something first.",
        "ko": "캔버스가 비어 있습니다. 먼저 무언가를 그리세요.",
    },
    "draw.upload": {
        # The limit in the label: a larger file gets only Streamlit's red mark, in English.
        "en": "Photo of one garment (PNG, JPEG or WebP, up to {megabytes} MB)",
        "ko": "옷 한 벌의 사진 (PNG, JPEG, WebP, 최대 {megabytes} MB)",
    },
    "draw.upload_help": {
        "en": "Up to {megapixels} megapixels. A light background is detected and inverted; a "
        "transparent one is filled to stand out from the garment.",
        "ko": "최대 {megapixels}메가픽셀. 밝은 배경은 감지해 반전하고, 투명한 배경은 옷과 "
        "대비되게 채웁니다.",
    },
    "draw.bad_upload": {
        "en": "That file cannot be used: {error}.",
        "ko": "이 파일은 쓸 수 없습니다: {error}.",
    },
    "draw.random": {"en": "Random test image", "ko": "무작위 테스트 이미지"},
    "draw.index": {"en": "Test image number", "ko": "테스트 이미지 번호"},
    "draw.index_out_of_range": {
        "en": "There is no test image {index}: give a number from 0 to {last}, or press “Random "
        "test image”.",
        "ko": "테스트 이미지 {index}번은 없습니다. 0부터 {last}까지의 번호를 쓰거나 “무작위 테스트 "
        "이미지”를 누르세요.",
    },
    "draw.true_label": {"en": "True class: {name}", "ko": "실제 클래스: {name}"},
    "draw.waiting_button": {
        "en": "Press Classify (under the canvas) to see what the model says about this drawing.",
        "ko": "이 그림을 모델이 무엇이라고 하는지 보려면 캔버스 아래의 분류하기를 누르세요.",
    },
    "draw.waiting": {
        "en": "The 28x28 image the model sees, its answer and where it looked appear here.",
        "ko": "모델이 보는 28x28 이미지, 답, 그리고 주목한 곳이 여기에 나타납니다.",
    },
    "draw.loading_model": {"en": "Loading the model…", "ko": "모델 불러오는 중…"},
    "draw.seen": {"en": "What the model sees (28x28)", "ko": "모델이 보는 이미지 (28x28)"},
    "draw.saliency": {"en": "Where it looked (occlusion)", "ko": "주목한 곳 (가림 민감도)"},
    "draw.saliency_help": {
        "en": "Where it looked: each spot was covered in turn; the more orange, the more covering "
        "it lowered the model's confidence in its answer (grey: no change).",
        "ko": "주목한 곳: 이미지의 각 부분을 차례로 가려 보았습니다. 주황색이 진할수록 그 부분을 "
        "가렸을 때 모델의 답에 대한 확신이 더 많이 줄었습니다(회색: 변화 없음).",
    },
    "draw.answer": {"en": "The model says", "ko": "모델의 답"},
    "draw.right": {"en": "Right: that is the true class.", "ko": "정답입니다."},
    "draw.wrong": {"en": "Wrong: it is really {name}.", "ko": "오답입니다. 실제로는 {name}입니다."},
    "draw.probabilities": {"en": "Probability of each class", "ko": "클래스별 확률"},
    "draw.only_ten": {
        "en": "The model knows only these 10 classes: any picture, a garment or not, gets the "
        "class it resembles most, so a high probability is no proof it is one.",
        "ko": "모델은 이 10개 클래스만 압니다: 옷이든 아니든 어떤 그림이든 가장 닮은 클래스를 받으므로, "
        "확률이 높다고 그 옷이라는 증거는 아닙니다.",
    },
    "draw.probability": {"en": "Probability", "ko": "확률"},
    "draw.new_drawing": {"en": "Start a new drawing", "ko": "새로 그리기"},
    "draw.new_drawing_help": {
        "en": "Your drawing was kept while another input was shown, so the toolbar's bin now "
        "goes back to it. This empties the canvas.",
        "ko": "다른 입력을 보는 동안 그림을 보관해 두었기 때문에, 도구 모음의 휴지통은 이제 그 "
        "그림으로 되돌립니다. 이 버튼은 캔버스를 비웁니다.",
    },
    "draw.link_no_model": {
        "en": "This page's address names run #{linked} ({status}), which has no trained and "
        "tested model to draw with: showing run #{shown} instead. Pick a model from the list.",
        "ko": "이 페이지 주소가 가리키는 실행 #{linked}({status})에는 그려 볼 수 있는 학습·평가된 "
        "모델이 없습니다. 대신 실행 #{shown}을(를) 보여 줍니다. 목록에서 모델을 고르세요.",
    },
    "draw.link_not_yet": {
        "en": "This page's address names run #{linked}, which is still {status}: you can draw "
        "with it once it has finished and scored the test set. Showing run #{shown} meanwhile.",
        "ko": "이 페이지 주소가 가리키는 실행 #{linked}은(는) 아직 끝나지 않았습니다(상태: "
        "{status}). 학습을 마치고 테스트 세트로 평가되면 그려 볼 수 있습니다. 그동안 실행 "
        "#{shown}을(를) 보여 줍니다.",
    },
    "draw.link_not_yet_none": {
        "en": "This page's address names run #{linked}, which is still {status}: come back to "
        "draw with it once it has finished and scored the test set.",
        "ko": "이 페이지 주소가 가리키는 실행 #{linked}은(는) 아직 끝나지 않았습니다(상태: "
        "{status}). 학습을 마치고 테스트 세트로 평가되면 여기서 그려 볼 수 있습니다.",
    },
    "draw.link_no_models": {
        "en": "This page's address names run {linked}, but no run of this studio has a trained "
        "and tested model to draw with yet.",
        "ko": "이 페이지 주소가 실행 {linked}을(를) 가리키지만, 이 스튜디오에는 아직 그려 볼 수 "
        "있는 학습·평가된 모델이 없습니다.",
    },
    # --- what each layer sees (ui/feature_maps.py: the Draw page, the Lecture page)
    "maps.title": {"en": "What each layer sees", "ko": "각 층이 보는 것"},
    "lecture.maps_title": {
        "en": "What each layer of {name} sees (feature maps)",
        "ko": "{name}의 각 층이 보는 것 (특성 맵)",
    },
    "lecture.maps_from_run": {
        "en": "The first training image through run #{id} ({name}).",
        "ko": "첫 번째 학습 이미지를 실행 #{id}({name})에 넣었을 때입니다.",
    },
    "maps.intro": {
        "en": "The feature maps of every convolution and pooling layer for this input: one small "
        "heatmap per channel, dark blue where that channel responds most (each channel scaled on "
        "its own). Layer numbers are those of the Architecture page.",
        "ko": "이 입력에 대한 합성곱 층과 풀링 층의 특성 맵입니다. 채널마다 작은 히트맵 하나이며, "
        "그 채널이 가장 강하게 반응한 곳일수록 진한 파란색입니다(채널마다 따로 맞춘 척도). "
        "층 번호는 아키텍처 페이지의 번호와 같습니다.",
    },
    "maps.layer": {
        "en": "**Layer {position} · {kind}** · output {shape}",
        "ko": "**{position}번째 층 · {kind}** · 출력 {shape}",
    },
    "maps.show_all": {"en": "Show all {channels} channels", "ko": "채널 {channels}개 모두 보기"},
    "maps.channels": {
        "en": "Channels 1–{shown} of {channels}",
        "ko": "채널 {channels}개 중 1–{shown}번",
    },
    "maps.residual_note": {
        "en": "A ResidualBlock shows its output, after its shortcut is added and ReLU applied; "
        "the convolutions inside the block are not shown.",
        "ko": "ResidualBlock은 지름길 연결을 더하고 ReLU를 거친 뒤의 출력을 보여 줍니다. "
        "블록 안의 합성곱은 따로 보여 주지 않습니다.",
    },
    "maps.filters": {
        "en": "**The first layer's learned filters** · {count} kernels of {k}x{k}",
        "ko": "**첫 층이 학습한 필터** · 커널 수 {count}, 커널 크기 {k}x{k}",
    },
    "maps.filters_caption": {
        "en": "Orange: positive weights, blue: negative, white: zero (each filter scaled on its "
        "own).",
        "ko": "주황색은 양의 가중치, 파란색은 음의 가중치, 흰색은 0입니다(필터마다 따로 맞춘 척도).",
    },
    "maps.none": {
        "en": "This network has no convolution or pooling layer here, so there are no feature "
        "maps to show.",
        "ko": "이 네트워크에는 여기서 보여 줄 합성곱 층이나 풀링 층이 없어 특성 맵이 없습니다.",
    },
    # --- the engine's problems with a network (same keys as architectures.PROBLEM_TEXTS)
    "setting_problem": {
        "en": "{setting} is {value}; it must be {allowed}",
        "ko": "{setting} 값 {value}은(는) 쓸 수 없습니다. 허용 범위: {allowed}",
    },
    "problem.layer": {
        "en": "layer {position} {layer}: {message}",
        "ko": "{position}번째 층 {layer}: {message}",
    },
    # --- the engine's input problems (same keys as inference.INPUT_TEXTS)
    # --- sweeps (Train page's Sweep mode and sweep view, Compare page's sweep view)
    "sweep.mode": {
        "en": "Sweep: train several variants at once",
        "ko": "스윕: 여러 변형을 한 번에 학습",
    },
    "sweep.mode_help": {
        "en": "Vary 1–3 settings of the network and the settings above; every combination "
        "becomes a run, and the runs differ only in what varies.",
        "ko": "위의 네트워크와 설정 중 1~3개를 바꿔 봅니다. 모든 조합이 각각 하나의 실행이 되고, "
        "실행끼리는 바꾼 설정만 다릅니다.",
    },
    "sweep.lecture": {"en": "The lecture as a sweep", "ko": "강의 세 모델을 스윕으로"},
    "sweep.lecture_help": {
        "en": "Queue the lecture's three models with the lecture's recipe (25 epochs, batch 32, "
        "Adam, validation split 0.25) as one sweep, to reproduce its table.",
        "ko": "강의의 세 모델을 강의 설정(25 에포크, 배치 32, Adam, 검증 비율 0.25)으로 한 스윕에 "
        "넣어 강의의 결과 표를 재현합니다.",
    },
    "sweep.lecture_name": {"en": "lecture: three models", "ko": "강의: 세 모델"},
    "sweep.lecture_epochs": {
        "en": "Epochs of each model (the lecture: 25; fewer still follow its recipe)",
        "ko": "모델별 에포크 (강의: 25, 줄여도 강의 설정입니다)",
    },
    "sweep.lecture_summary": {
        "en": "3 runs: lecture-1, lecture-2 and lecture-3 with the lecture's recipe, {epochs} "
        "each, fitting {images:,} of the {given:,} training images the form gives (the recipe "
        "holds {split:.0%} back for validation); about {time} one after another on this machine.",
        "ko": "실행 3개: lecture-1, lecture-2, lecture-3을 강의 설정으로 각각 {epochs}, 위 양식의 학습 "
        "이미지 {given:,}장 중 {images:,}장으로 학습합니다(강의 설정은 {split:.0%}를 검증용으로 남깁니다). "
        "이 컴퓨터에서 차례로 학습하면 약 {time} 걸립니다.",
    },
    "sweep.lecture_queue": {"en": "Queue the 3 runs", "ko": "실행 3개 대기열에 넣기"},
    "sweep.lecture_cancel": {"en": "Cancel", "ko": "취소"},
    "sweep.base": {
        "en": "The network and settings above are the base; choose what varies.",
        "ko": "위의 네트워크와 설정이 기준입니다. 바꿀 설정을 고르세요.",
    },
    "sweep.one_run": {
        "en": "One run is not a sweep: give one of the boxes above a second value, or switch "
        "Sweep off and press Start training.",
        "ko": "실행 하나는 스윕이 아닙니다. 위 상자 중 하나에 값을 하나 더 넣거나, 스윕을 끄고 학습 시작을 "
        "누르세요.",
    },
    "sweep.vary": {"en": "What varies (up to 3)", "ko": "바꿀 설정 (최대 3개)"},
    "sweep.values": {"en": "Values of {setting}", "ko": "{setting} 값"},
    "sweep.box_no_values": {
        "en": "Values of {label}: none yet; give at least one, separated by commas ({example}).",
        "ko": "{label} 값: 아직 없습니다. 쉼표로 나누어 하나 이상 쓰세요({example}).",
    },
    "sweep.box_bad_value": {
        "en": "Values of {label}: “{value}” is not {kind}; separate values with commas ({example}).",
        "ko": "{label} 값: “{value}”은(는) {kind}이(가) 아닙니다. 값은 쉼표로 나누어 쓰세요({example}).",
    },
    "sweep.box_repeated_value": {
        "en": "Values of {label}: {value} is there twice; give each value once.",
        "ko": "{label} 값: {value}이(가) 두 번 있습니다. 값은 한 번씩만 쓰세요.",
    },
    "train.varied_in_sweep": {
        "en": "Varied by the sweep below: each run takes its value from “{values}”.",
        "ko": "아래 스윕에서 바꾸는 설정입니다. 실행마다 “{values}”의 값을 씁니다.",
    },
    "sweep.box_images_over": {
        "en": "Values of {label}: {value} is more than the {available} training images of the "
        "data in use; give at most {available}, or 0 for every image.",
        "ko": "{label} 값: {value}장은 지금 쓰는 데이터의 학습 이미지 {available}장보다 많습니다. "
        "{available} 이하로 쓰거나, 모든 이미지를 쓰려면 0을 쓰세요.",
    },
    "sweep.values_help": {
        "en": "Several values separated by commas, e.g. {example}",
        "ko": "쉼표로 구분한 여러 값, 예: {example}",
    },
    # Only beside numbers that reach the thousands (images, units): 12,000 would be 12 and 0.
    "sweep.values_help_thousands": {
        "en": "Several values separated by commas, e.g. {example}; thousands without a comma.",
        "ko": "쉼표로 구분한 여러 값, 예: {example}. 천 단위에는 쉼표를 쓰지 마세요.",
    },
    "sweep.arch": {"en": "Network", "ko": "네트워크"},
    "sweep.layer_setting": {"en": "Layer {position} · {name}", "ko": "{position}번째 층 · {name}"},
    "sweep.layer_kind_setting": {
        "en": "Layer {position} ({kind}) · {name}",
        "ko": "{position}번째 층 ({kind}) · {name}",
    },
    "sweep.on": {"en": "on", "ko": "켬"},
    "sweep.off": {"en": "off", "ko": "끔"},
    "sweep.all_images": {"en": "all", "ko": "전체"},
    "sweep.sample": {
        "en": "Random sample (0 = every combination)",
        "ko": "무작위 표본 (0 = 모든 조합)",
    },
    "sweep.sample_help": {
        "en": "Train only this many combinations, chosen at random (the same ones every time).",
        "ko": "무작위로 고른 이 개수의 조합만 학습합니다 (매번 같은 조합).",
    },
    "sweep.workers": {"en": "Workers training at once", "ko": "동시에 학습하는 작업자 수"},
    "sweep.workers_help": {
        "en": "Each worker trains one run at a time; the processor cores are shared out "
        "between them. At most {most} here: one per core of this machine, since more workers "
        "than cores would only take turns.",
        "ko": "작업자마다 한 번에 한 실행을 학습하고, 프로세서 코어를 나눠 씁니다. 여기서는 최대 {most}개까지입니다: "
        "이 컴퓨터의 코어마다 하나이며, 코어보다 작업자가 많으면 번갈아 쓸 뿐입니다.",
    },
    "sweep.name": {"en": "Sweep name", "ko": "스윕 이름"},
    "sweep.vary_placeholder": {
        "en": "Choose up to {most} settings",
        "ko": "설정을 {most}개까지 고르세요",
    },
    "sweep.values_placeholder": {"en": "Choose its values", "ko": "값을 고르세요"},
    "sweep.default_name": {"en": "sweep of {settings}", "ko": "{settings} 스윕"},
    "sweep.name_until_varied": {
        "en": "named after the settings it varies",
        "ko": "바꾸는 설정의 이름을 따서 붙습니다",
    },
    "sweep.summary": {
        "en": "{count}; about {time} one after another on this machine, each run's start and "
        "test included.",
        "ko": "{count}. 이 컴퓨터에서 차례로 학습하면 각 실행의 시작과 테스트까지 약 {time} "
        "걸립니다.",
    },
    "sweep.runs_all": {"en": "Runs: {runs}", "ko": "실행 {runs}개"},
    "sweep.runs_sampled": {
        "en": "Runs: {runs}, a random sample of the {combinations} combinations",
        "ko": "실행 {runs}개 (조합 {combinations}개 중 무작위 표본)",
    },
    "sweep.start": {"en": "Start sweep", "ko": "스윕 시작"},
    "sweep.refused": {"en": "Not queued: {problem}", "ko": "대기열에 넣지 않았습니다: {problem}"},
    "sweep.queued": {
        "en": "Sweep #{id} is queued: {runs} runs, trained by {workers}.",
        "ko": "스윕 #{id}을(를) 대기열에 넣었습니다: 실행 {runs}개, 학습은 {workers}.",
    },
    "sweep.live_title_count": {"en": "Sweeps ({count})", "ko": "스윕 ({count}개)"},
    "sweep.watch": {"en": "Sweep to watch", "ko": "볼 스윕"},
    "sweep.stop": {"en": "Stop the whole sweep", "ko": "스윕 전체 중지"},
    "sweep.stop_sent": {
        "en": "Stop sent to every run of the sweep.",
        "ko": "스윕의 모든 실행에 중지를 보냈습니다.",
    },
    "sweep.col_id": {"en": "Run", "ko": "실행"},
    "sweep.col_status": {"en": "Status", "ko": "상태"},
    "sweep.col_progress": {"en": "Progress", "ko": "진행"},
    "sweep.compare_pick": {"en": "Sweep", "ko": "스윕"},
    "sweep.compare_all": {
        "en": "Every run (sweeps' runs too)",
        "ko": "모든 실행 (스윕의 실행 포함)",
    },
    "sweep.workers_one": {"en": "1 worker", "ko": "작업자 1명"},
    "sweep.workers_many": {"en": "{count} workers in parallel", "ko": "작업자 {count}명이 나란히"},
    "sweep.workers_waiting": {
        "en": "{count} workers in parallel, not {chosen}: {count} were already waiting for runs "
        "(started by an earlier sweep or the command line), and each takes one",
        "ko": "작업자 {count}명이 나란히 ({chosen}명이 아님: 앞선 스윕이나 명령줄이 시작한 작업자 "
        "{count}명이 이미 실행을 기다리고 있어 하나씩 맡음)",
    },
    "sweep.unscored": {
        "en": "Without a test score, so a gap or “—” above: {runs}.",
        "ko": "테스트 점수가 없어 위에서 비어 있거나 “—”로 표시된 실행: {runs}.",
    },
    "sweep.no_results": {
        "en": "No run of this sweep has a test accuracy yet.",
        "ko": "이 스윕에는 아직 테스트 정확도가 있는 실행이 없습니다.",
    },
    "sweep.no_results_ever": {
        "en": "No run of this sweep has a test accuracy: none of its {count} runs finished "
        "(they were stopped, failed or cancelled); “Train again with the same settings” on the "
        "Train page trains one again.",
        "ko": "이 스윕에는 테스트 정확도가 있는 실행이 없습니다. 실행 {count}개 중 끝까지 학습한 것이 "
        "없습니다(중지, 실패 또는 취소). 학습 페이지의 “같은 설정으로 다시 학습”으로 다시 학습할 수 "
        "있습니다.",
    },
    "sweep.best": {
        "en": "Best combination, chosen on validation accuracy: {run} ({validation}); its test "
        "accuracy {accuracy}",
        "ko": "검증 정확도로 고른 가장 좋은 조합: {run} ({validation}), 테스트 정확도 {accuracy}",
    },
    "sweep.best_unchosen": {
        "en": "No run of this sweep kept validation data, so none is named best: chosen on the "
        "test accuracy, the winner would be tuned on the test set. Hold out a validation split "
        "to choose.",
        "ko": "이 스윕의 실행은 검증 데이터를 두지 않아 가장 좋은 조합을 고르지 않습니다. 테스트 "
        "정확도로 고르면 테스트 세트에 맞춰 고른 셈이 됩니다. 고르려면 검증 비율을 두세요.",
    },
    "sweep.colour_range": {
        "en": "The colours run from the lowest test accuracy, {low}, to the highest, {high}: "
        "{points} points apart, however large the difference in colour looks. Each run is one "
        "random start; before trusting a small difference, train the leading combinations again "
        "with another Random seed.",
        "ko": "색은 가장 낮은 테스트 정확도 {low}에서 가장 높은 {high}까지 이어집니다. 색 차이가 "
        "커 보여도 {points}%p 차이입니다. 실행마다 무작위 시작은 한 번뿐이니, 작은 차이를 믿기 전에 "
        "앞선 조합을 다른 난수 시드로 다시 학습해 보세요.",
    },
    "sweep.chart_title": {
        "en": "Test accuracy by varied setting",
        "ko": "바꾼 설정별 테스트 정확도",
    },
}


# Korean for the engine's own messages: the English is where each one is raised (the engine's
# *_TEXTS tables), so it is written once; ``_with_english`` pairs them into the catalog.
_KOREAN_ENGINE_TEXTS: dict[str, dict[str, str]] = {
    "preset": {
        "lecture-1": "강의의 첫 번째 모델: 활성화 함수도 풀링도 없는 합성곱 세 개라서 펼친 특성 맵이 매우 크고(값 {flattened}개) 첫 Dense 층이 전체 파라미터 {params}개의 거의 전부를 가집니다. 강의의 테스트 정확도: {lecture_accuracy}. 이 스튜디오에서 강의 설정으로 학습한 결과: {measured}.",
        "lecture-2": "강의의 두 번째 모델: 합성곱 뒤의 최대 풀링이 Flatten 전에 특성 맵을 {last_map}로 줄여 파라미터를 {fewer}분의 1인 {params}개로 줄이고, Dropout(0.3)이 과대적합을 막습니다. 강의의 테스트 정확도: {lecture_accuracy}. 이 스튜디오에서 강의 설정으로 학습한 결과: {measured}.",
        "lecture-3": "강의의 깊은 CNN: ReLU 합성곱 네 개('same' 패딩으로 처음에는 28x28 유지), 풀링 두 단계, 강한 Dropout(0.5), Dense 층 두 개. 파라미터 {params}개. 강의의 테스트 정확도: 25 에포크 후 {lecture_accuracy}. 이 스튜디오에서 강의 설정으로 학습한 결과: {measured}.",
        "fast": "CPU용으로 만든 모델: ReLU 합성곱 두 개(커널 수: {filters}; 각각 뒤에 최대 풀링), Dense(256), Dropout(0.25). 이미지 한 장에 곱셈-덧셈 약 {multiply_adds} 번으로 lecture-3의 {fewer}분의 1입니다. 첫 합성곱의 26x26 특성 맵이 이 네트워크에서 가장 크기 때문에 첫 합성곱은 좁게 두었습니다: 거기서 커널이 적으면 두 합성곱이 모두 가벼워지고, 더 넓은 두 번째 합성곱이 정확도를 지킵니다(검증 데이터로 고름, bench/README.md). 빠른 설정(배치 {batch}, {optimizer} 최대 학습률 {rate}, {schedule} 스케줄, 레이블 스무딩 {smoothing}, {epochs} 에포크, 장치가 bfloat16을 직접 계산하면 혼합 정밀도)으로 학습한 결과: {measured}. 배치 정규화 없음: CPU에서는 Keras의 BatchNormalization이 이 크기 네트워크의 에포크 시간을 두 배로 늘렸고, one-cycle 스케줄만으로도 잘 학습됩니다.",
        "strong": "CPU에서 10분 학습용으로 만든 모델: 두 단계의 ReLU 합성곱 네 개('same' 패딩, 커널 수 32개 다음 64개, 단계마다 최대 풀링과 Dropout(0.25)), Dense(256), Dropout(0.5). 이미지 한 장에 곱셈-덧셈 약 {multiply_adds} 번, 파라미터 {params}개. 강한 설정(무작위 좌우 뒤집기, {optimizer} 최대 학습률 {rate}, {schedule} 스케줄, 레이블 스무딩 {smoothing}, 배치 {batch}, {epochs} 에포크, 장치가 bfloat16을 직접 계산하면 혼합 정밀도)으로 학습한 결과: {measured}. 배치 정규화 없음: CPU에서는 이 네트워크의 에포크 시간을 세 배로 늘렸습니다.",
        "best": "GPU용으로 만든 모델: 작은 ResNet(첫 합성곱 뒤에 커널 수 64, 128, 256개의 잔차 블록, 단계마다 이미지를 절반으로)에 배치 정규화와 전역 평균 풀링 출력부. 이미지 한 장에 곱셈-덧셈 약 {multiply_adds} 번. 최고 성능 설정({optimizer}, {schedule}, 이동과 좌우 뒤집기, 레이블 스무딩 {smoothing}, {epochs} 에포크)은 GPU용이며, CPU에서는 한 시간에 들어가는 에포크로 줄였습니다: {measured}.",
    },
    "duration": {"hours": "{h}시간 {m:02d}분", "minutes": "{m}분 {s:02d}초", "seconds": "{s}초"},
    "claim": {
        "accuracy.seeds": "시드 {seeds}개의 중앙값 {median} (최저 {lowest}), {epochs} 에포크, 학습 약 {duration} ({machine}, {date})",
        "accuracy.one_seed": "시드 하나로 {median}, {epochs} 에포크, 학습 {duration} ({machine}, {date}; 측정 규칙 이전의 기록)",
        "accuracy.first_seed": "지금까지 측정한 시드 하나로 {median}, {epochs} 에포크, 학습 {duration} ({machine}, {date})",
        "accuracy.none": "아직 기록된 측정이 없습니다",
        "recipe.seeds": "{preset} 네트워크로 잰 결과, 시험한 모든 시드({seeds}개)에서 {at_least} 이상, {epochs} 에포크 학습에 약 {duration} ({machine}, {date})",
        "recipe.one_seed": "{preset} 네트워크로 잰 결과, 기록된 시드 하나로 {median}, {epochs} 에포크 학습에 {duration} ({machine}, {date}; 측정 규칙 이전의 기록)",
        "recipe.first_seed": "{preset} 네트워크로 잰 결과, 지금까지 측정한 시드 하나로 {median}, {epochs} 에포크 학습에 {duration} ({machine}, {date})",
        "recipe.none": "아직 기록된 측정이 없습니다",
    },
    # Runs on a Ray cluster (fmnist_core/ray_executor.py CLUSTER_TEXTS).
    "cluster": {
        "unknown_executor": "`FMNIST_EXECUTOR={value}`는 실행 방식이 아닙니다. `local`(이 컴퓨터에서 학습, 기본값) 또는 `ray`(Ray 클러스터에서 학습)로 설정한 뒤 다시 학습하세요",
        "no_ray": "`FMNIST_EXECUTOR=ray`로 설정되어 있지만 이 컴퓨터에 `ray` 패키지가 설치되어 있지 않습니다. 클러스터 구성 요소를 설치하거나(`pip install -r requirements-cluster.txt`) `FMNIST_EXECUTOR`를 지운 뒤 다시 학습하세요",
        "cannot_connect": "{address}의 Ray 클러스터에 연결할 수 없습니다({detail}). `RAY_ADDRESS`와 헤드 노드가 실행 중인지(`ray start --head`) 확인한 뒤 다시 학습하세요",
        "bad_amount": "`{name}={value}`는 올바른 양이 아닙니다. 실행 하나가 클러스터에 요청할 CPU 또는 GPU 수(1, 0.5, 0.25 등)를 적은 뒤 다시 학습하세요",
        "home_missing": "Ray 노드 {node}에 스튜디오 홈 {home}이(가) 없습니다. `FMNIST_HOME`은 클러스터의 모든 노드가 같은 경로에 마운트하는 폴더(예: NFS 공유)여야 합니다. 그 경로에 마운트한 뒤 다시 학습하세요",
        "home_not_writable": "Ray 노드 {node}가 이 실행의 파일을 {folder}에 쓸 수 없습니다({detail}). `FMNIST_HOME`은 모든 노드가 같은 경로에 쓰기 권한으로 마운트하는 폴더여야 합니다. 마운트를 고친 뒤 다시 학습하세요",
    },
    "formula": {
        "conv": "커널 수 · 커널 크기² · 채널 + 커널 수 = {filters}·{k}²·{depth} + {filters} = {params}",
        "max_pool": "가중치 없음: {p}x{p} 영역마다 가장 큰 값을 남김",
        "average_pool": "가중치 없음: {p}x{p} 영역마다 평균값을 남김",
        "residual": "합성곱 2개 + BN 2개 = {filters}·{k}²·{depth} + {filters}·{k}²·{filters} + 2·4·{filters} = {params}",
        "residual_projected": "합성곱 2개 + BN 2개 + 1x1 숏컷과 그 BN = {filters}·{k}²·{depth} + {filters}·{k}²·{filters} + 2·4·{filters} + {depth}·{filters} + 4·{filters} = {params}",
        "batch_norm": "4·채널 = 4·{channels} = {params} (γ, β는 학습하고 이동 평균과 이동 분산은 학습하지 않음)",
        "flatten": "가중치 없음: {shape} = 값 {size}개를 한 줄로",
        "global_average": "가중치 없음: 특성 맵 {maps}개 각각의 평균",
        "dense": "(입력수 + 1) · 출력수 = ({inputs} + 1)·{units} = {params}",
        "no_weights": "가중치 없음",
    },
    # How a sliding window's output size is worked out (fmnist_core/layer_kinds.py SIZE_TEXTS).
    "size": {
        "valid": "{size} − {window} + 1 = {out}",
        "valid_strided": "⌊({size} − {window}) / {stride}⌋ + 1 = {out}",
        "same": "'same' 패딩: {out} 그대로",
        "same_strided": "⌈{size} / {stride}⌉ = {out}",
    },
    "problem": {
        "malformed": "{detail}",
        "bad_whole_number": "{setting} 값이 {value}입니다. {low}에서 {high} 사이의 정수여야 합니다",
        "bad_padding": "패딩이 {value}입니다. 'valid' 또는 'same'을 쓰세요",
        "bad_activation": "활성화 함수 {value}은(는) 알 수 없습니다. 다음 중 하나를 쓰세요: {choices}",
        "bad_rate": "비율이 {value}입니다. 드롭아웃 비율은 {low}에서 {high} 사이여야 합니다",
        "needs_image": "이미지 형태(높이 x 너비 x 채널)의 입력이 필요한데 길이 {size}의 벡터를 받습니다. Flatten / GlobalAveragePooling2D 앞으로 옮기세요",
        "dense_on_image": "입력이 {shape} 이미지입니다. Dense 층은 벡터가 필요합니다 — 앞에 Flatten 또는 GlobalAveragePooling2D를 넣으세요",
        "kernel_too_big": "{height}x{width} 크기의 입력에는 {k}x{k} 커널이 들어가지 않습니다 — 더 작은 커널이나 'same' 패딩을 쓰거나, 앞의 층들이 이미지를 덜 줄이게 하세요",
        "pool_too_big": "{height}x{width} 크기의 입력에는 {p}x{p} 풀링이 들어가지 않습니다 — 이 층을 빼거나 'same' 패딩을 쓰세요",
        "too_many_params": "네트워크의 파라미터가 {total}개로, 이 스튜디오가 학습하는 {limit}개를 넘습니다 — 필터나 유닛을 줄이거나 Flatten 앞에서 풀링하세요",
        "too_many_layers": "네트워크의 층이 {count}개로, 이 스튜디오가 다루는 {limit}개를 넘습니다 — 층을 줄이세요",
        "no_output": "출력층이 없습니다 — 끝에 Dense(10, softmax)를 추가하세요",
        "wrong_output": "출력층은 클래스마다 확률 하나를 내는 Dense(10, softmax)여야 하는데 Dense({units}, {activation})입니다",
    },
    "input": {
        "empty_file": "{name} 파일이 비어 있습니다(0바이트). PNG, JPEG, WebP 사진을 고르세요",
        "too_large": "{name}은(는) {megabytes} MB로 한도 {limit} MB를 넘습니다 — 더 작은 사진을 쓰세요",
        "too_many_pixels": "{name}은(는) {width}x{height} 화소로 {limit}메가픽셀 한도를 넘습니다 — 먼저 크기를 줄이세요",
        "bomb": "{name}은(는) 화소가 {limit}메가픽셀 한도를 넘어 안전하게 열 수 없습니다. 먼저 크기를 "
        "줄이세요",
        "not_an_image": "{name}은(는) 이 스튜디오가 읽을 수 있는 이미지가 아닙니다. PNG, JPEG, WebP를 쓰세요",
        "damaged": "{name}은(는) 손상되었거나 잘린 {kind} 파일입니다. 다시 저장해서 올리세요",
        "damaged_unknown": "{name}이(가) 손상되었거나 잘렸습니다. 다시 저장해서 올리세요",
        "multi_frame": "{name}에는 프레임이 {frames}개 있어 첫 프레임을 씁니다",
        "tiny": "{name}에서 배경과 구별되는 부분이 {width}x{height} 픽셀뿐이라 모델이 받는 28x28보다 "
        "훨씬 작습니다: 확대하면 네모 덩어리가 되어 답이 큰 의미가 없습니다 — 더 크게, 가까이서 찍은 "
        "사진을 쓰세요",
        "inverted": "{name}은(는) 배경이 밝아 색을 뒤집었습니다. Fashion-MNIST의 옷은 검은 바탕 "
        "위에 밝게 찍혀 있습니다",
        "inverted_transparent": "{name}은(는) 배경이 투명하고 옷이 어두워 색을 뒤집었습니다. "
        "Fashion-MNIST의 옷은 검은 바탕 위에 밝게 찍혀 있습니다",
        "model_damaged": "{name}은(는) 손상되었습니다: 온전한 Keras 파일이 아니며, 저장하거나 복사하는 "
        "중에 잘렸을 수 있습니다 — 실행을 다시 학습하세요",
        "model_unreadable": "{name}을(를) Keras 모델로 열 수 없습니다: 다른 버전의 Keras로 저장되었거나 "
        "손상되었습니다 — 실행을 다시 학습하세요 (Keras의 메시지: {detail})",
        "model_too_large": "{name}은(는) 풀면 {megabytes} MB로, 이 스튜디오의 모델에 필요한 {limit} MB보다 큽니다 — 스튜디오가 저장한 파일이 아닙니다. 실행을 다시 학습하세요",
        "model_wrong_shape": "{name}은(는) {inputs} 입력을 받아 {outputs}을(를) 내지만, Fashion-MNIST 모델은 28x28x1 이미지를 받아 확률 10개를 내야 합니다 — 실행을 다시 학습하세요",
        "nothing_to_see": "{name}에는 분류할 것이 없습니다. 한 가지 색뿐이라 배경에서 드러나는 옷이 "
        "없습니다 — 단색 배경 위의 옷 한 벌 사진을 쓰세요",
        "garment_unclear": "{name}에서는 배경과 구별되는 옷이 보이지 않습니다. 옷이 배경과 색이 너무 "
        "비슷하거나 사진 가장자리를 채우고 있습니다 — 옷 둘레로 다른 색의 단색 배경이 보이는 사진을 쓰세요",
    },
    "allowed": {
        "whole_number_range": "{low}–{high} 사이의 정수",
        "number_range": "{low}에서 {high} 사이",
        "one_of": "{choices} 중 하나",
        "all_or_at_least": "전체 이미지는 all(또는 0), 아니면 {low} 이상의 정수",
        "all_or_range": "전체 이미지는 all(또는 0), 아니면 {low}–{high} 사이의 정수",
        "zero_or_range": "전체 이미지는 0, 아니면 {low}–{high} 사이의 정수",
        "true_or_false": "true 또는 false",
        "patience": "{low}–{high} 사이의 정수 (0이면 끔)",
    },
    "data_problem": {
        "unreadable": "읽을 수 없습니다 ({reason})",
        "no_permission": "읽을 수 없습니다. 이 사용자에게 읽기 권한이 없습니다",
        "bad_gzip": "손상되었거나 잘린 gzip 압축 파일입니다 ({reason})",
        "gzip_cut": "중간에 잘린 gzip 압축 파일입니다. 데이터가 끝나기 전에 파일이 끝납니다",
        "gzip_checksum": "손상된 gzip 압축 파일입니다. 데이터가 체크섬과 맞지 않습니다",
        "too_short": "{size}바이트뿐이라 IDX 헤더가 들어갈 수 없습니다",
        "bad_magic_images": "매직 넘버가 {magic}이지만 IDX 이미지 파일은 {expected}(으)로 시작해야 합니다",
        "bad_magic_labels": "매직 넘버가 {magic}이지만 IDX 레이블 파일은 {expected}(으)로 시작해야 합니다",
        "labels_not_images": "이름과 달리 이미지 파일이 아니라 레이블 파일입니다(매직 넘버 {magic})",
        "images_not_labels": "이름과 달리 레이블 파일이 아니라 이미지 파일입니다(매직 넘버 {magic})",
        "truncated": "잘린 파일입니다: 헤더는 항목 {count}개({expected}바이트)를 알리지만 뒤따르는 것은 {body}바이트뿐입니다",
        "trailing": "헤더가 알린 항목 {count}개 뒤에 {extra}바이트가 더 있습니다",
        "bad_size": "{rows}x{cols} 이미지를 담고 있지만 Fashion-MNIST 이미지는 28x28입니다",
        "bad_label": "{position}번 위치에 레이블 {label}이(가) 있습니다. 레이블은 0..9여야 합니다",
        "missing": "없습니다",
        "count_mismatch": "레이블이 {labels}개인데 {images_file}의 이미지는 {images}개입니다. 둘이 같아야 합니다",
        "not_a_folder": "폴더가 아닙니다",
    },
    "data_fix": {
        "replace": "표준 Fashion-MNIST 파일의 온전한 사본으로 바꾸세요.",
        "put_files": "Fashion-MNIST 파일 네 개({files})를 {folder}에 넣으세요.",
        "same_release": "같은 배포본의 이미지 파일과 레이블 파일을 쓰세요.",
        "swapped": "어느 파일이 무엇인지 확인하세요. 네 파일이 각각 담은 내용에 맞는 이름을 가져야 "
        "합니다(이미지는 …-images-idx3-ubyte.gz, 레이블은 …-labels-idx1-ubyte.gz).",
        "set_data_dir": "FMNIST_DATA_DIR를 Fashion-MNIST 파일 네 개가 든 폴더로 설정하거나 설정을 지우세요.",
    },
    "sample_reason": {
        "offline": "다운로드가 꺼져 있음 (FMNIST_OFFLINE)",
        "download_failed": "다운로드 실패 ({detail})",
        "no_internet": "인터넷에 연결할 수 없어 Fashion-MNIST를 내려받지 못했습니다",
    },
    "store": {
        "damaged": "실행 저장소 {path}이(가) 손상되었습니다({detail}). 그 파일을 다른 곳으로 옮기고 새로 고치세요. 스튜디오가 빈 저장소를 새로 만들고, {runs}에 있는 각 실행의 파일은 그대로 남습니다.",
        "disk_full": "실행 저장소 {path}이(가) 있는 디스크가 가득 찼습니다. 공간을 비운 뒤 다시 시도하세요.",
        "read_only": "실행 저장소 {path}은(는) 여기서 읽기 전용이라 아무것도 바꿀 수 없습니다. FMNIST_HOME을 쓸 수 있는 폴더로 설정하거나 저장소 소유자에게 문의하세요.",
        "read_only_old": "실행 저장소 {path}은(는) 이전 버전의 스튜디오가 만들었고 여기서 읽기 전용이라 업그레이드할 수 없습니다. 쓸 수 있는 곳에서 한 번 여세요.",
        "busy": "실행 저장소 {path}이(가) 다른 프로세스에 30초 동안 잠겨 있었습니다. 잠시 후 다시 시도하세요.",
        "cannot_open": "실행 저장소 {path}을(를) 열 수 없습니다({detail}). FMNIST_HOME이 쓸 수 있는 폴더인지 확인하세요.",
        "server_down": "실행 저장소의 PostgreSQL 서버 {server}이(가) 응답하지 않습니다. 서버를 시작하거나 FMNIST_STORE_URL의 호스트와 포트를 고친 뒤 다시 시도하세요. 이미 기록된 내용은 그대로 남습니다. (드라이버 메시지: {detail})",
        "unknown_host": "실행 저장소의 PostgreSQL 호스트 {host}을(를) 이 컴퓨터에서 찾을 수 없습니다. FMNIST_STORE_URL의 호스트(또는 이 컴퓨터의 이름 서비스)를 고친 뒤 다시 시도하세요.",
        "no_ssl": "PostgreSQL 서버 {server}은(는) FMNIST_STORE_URL이 요구하는 SSL 연결(sslmode)을 받지 않습니다. URL에서 sslmode를 지우거나 서버에서 SSL을 켠 뒤 다시 시도하세요.",
        "wrong_password": "PostgreSQL 서버 {server}이(가) 사용자 {user}의 접속을 거부했습니다. 사용자 이름이나 비밀번호가 틀렸거나 비밀번호가 없습니다. FMNIST_STORE_URL에서 고치거나 데이터베이스 관리자에게 문의하세요.",
        "no_database": "PostgreSQL 서버 {server}에 {database}(이)라는 데이터베이스가 없습니다. 그 사용자의 데이터베이스로 만들거나(createdb -O {user} {database}) FMNIST_STORE_URL의 이름을 고친 뒤 다시 시도하세요.",
        "bad_url": "FMNIST_STORE_URL({url})은(는) PostgreSQL 주소가 아닙니다({detail}). postgresql://사용자:비밀번호@호스트:포트/데이터베이스 형식으로 쓰거나, 설정을 지워 FMNIST_HOME의 SQLite 파일을 쓰세요.",
        "no_driver": "FMNIST_STORE_URL이 PostgreSQL 데이터베이스를 가리키지만 드라이버(psycopg)가 설치되어 있지 않습니다. pip install -r requirements-cluster.txt를 실행한 뒤 다시 시도하세요.",
        "database_error": "실행 저장소의 PostgreSQL 데이터베이스 {server}이(가) 요청을 거부했습니다({detail}). FMNIST_STORE_URL과 그 데이터베이스에 대한 사용자 권한을 확인한 뒤 다시 시도하세요.",
        "url_unreadable": "URL로 읽을 수 없습니다. postgresql://로 시작해야 합니다",
        "url_scheme": "{scheme}://로 시작합니다. postgresql://로 시작해야 합니다",
        "url_no_database": "포트 뒤에 데이터베이스 이름이 없습니다",
        "url_port": "포트 {port}은(는) 1부터 65535까지의 숫자가 아닙니다",
        "url_at": "사용자 이름이나 비밀번호에 @, :, / 또는 ?가 그대로 들어 있습니다. 각각 퍼센트 인코딩으로 쓰세요(@는 %40, :는 %3A, /는 %2F, ?는 %3F)",
    },
    "name_problem": {
        "empty": "비어 있습니다. 이름을 쓰세요",
        "too_long": "{length}자입니다. {limit}자 이하로 쓰세요",
        "control": "줄바꿈이나 제어 문자가 들어 있습니다. 한 줄로 쓰세요",
        "start": "{first}(으)로 시작합니다. 글자나 숫자로 시작하세요",
        "preset": "프리셋 {preset}의 이름입니다. 목록과 링크, 명령줄에서 프리셋 이름이 그대로 쓰이도록 "
        "다른 이름을 고르세요",
    },
    "json_problem": {
        "not_json": "올바른 JSON이 아닙니다 ({detail})",
        "json_syntax": "올바른 JSON이 아닙니다: {line}번째 줄 {column}번째 글자에서 JSON 문법이 맞지 않습니다",
        "not_utf8": "올바른 JSON이 아닙니다: UTF-8 텍스트가 아닙니다 (스튜디오에서 내보낸 파일인가요?)",
        "not_object": "JSON은 'layers' 목록이 있는 객체여야 합니다",
        "keras_model": "Keras 모델 파일(model.to_json())이며, 이 스튜디오가 저장한 네트워크가 "
        "아닙니다. 아키텍처 페이지에서 네트워크를 내보내거나, 거기서 층을 하나씩 쌓아 만드세요",
        "no_layers": "JSON에 'layers' 목록이 없거나 비어 있습니다",
        "too_many_layers": "네트워크의 층이 {count}개로, 이 스튜디오가 다루는 {most}개보다 많습니다. "
        "층을 줄이세요",
        "layer_not_object": "층은 'type'이 있는 객체여야 하는데 {got}입니다",
        "no_type": '층에 \'type\'이 없습니다. "type": "Conv2D"처럼 넣으세요',
        "type_not_name": "층의 'type'은 'Conv2D' 같은 이름이어야 하는데 {got}입니다",
        "unknown_type": "{type}은(는) 모르는 층 종류입니다. 다음 중 하나를 쓰세요: {types}",
        "unknown_setting": "{type}에는 {unknown} 설정이 없습니다. 있는 설정: {settings}",
        "in_layer": "{position}번째 층: {detail}",
        "not_text": "JSON의 'name'과 'description'은 글자여야 합니다",
        "bad_name": "이름 {name}은(는) 쓸 수 없습니다: {detail}",
    },
    "link_problem": {
        "empty": "주소에 네트워크가 없습니다",
        "too_long": "{length}자로, 이 스튜디오의 네트워크에 필요한 {limit}자보다 깁니다",
        "damaged": "손상되었습니다(복사할 때 일부가 빠졌나요?)",
        "too_much": "풀면 글자가 너무 많습니다",
        "cut_off": "중간에 잘렸습니다",
    },
    "sweep_problem": {
        "no_varied": "바꿀 설정을 하나 이상 고르세요.",
        "too_many_varied": "한 스윕에서는 설정을 최대 {most}개까지 바꿀 수 있습니다. {count}개를 골랐습니다.",
        "bad_form": "{text}은(는) SETTING=V1,V2,... 형식이 아닙니다. 설정 이름 뒤에 '='와 값을 쓰세요.",
        "unknown_setting": "{setting}은(는) 바꿀 수 없습니다. 학습 설정({settings}), 층의 숫자는 layers.N.SETTING, 네트워크는 arch를 쓰세요.",
        "repeated_setting": "{setting}을(를) 두 번 골랐습니다. 값을 한 목록에 모두 쓰세요.",
        "no_values": "{setting}에 값이 없습니다. {setting}=V1,V2처럼 하나 이상 쓰세요.",
        "repeated_value": "{setting}에 {value}이(가) 두 번 있습니다. 값은 한 번씩만 쓰세요.",
        "bad_value": "{setting}={value}은(는) {kind}이(가) 아닙니다.",
        "no_layer": "{setting}: 네트워크 {network}에는 {position}번째 층이 없습니다 (층 {count}개).",
        "no_layer_setting": "{setting}: {network}의 {position}번째 층은 {layer}이고, {name}이라는 숫자 설정이 없습니다 (있는 것: {names}).",
        "layer_without_numbers": "{setting}: {network}의 {position}번째 층은 {layer}이고, 바꿀 수 있는 숫자 설정이 없습니다. 다른 층을 고르세요.",
        "unknown_arch": "arch: {name}이라는 네트워크가 없습니다. 있는 것: {known}.",
        "too_many_runs": "이 스윕은 실행 {count}개를 만듭니다. 최대 {most}개까지 가능합니다. 값을 줄이거나 {most}개 이하의 무작위 표본을 학습하세요.",
        "bad_sample": "표본 크기는 2부터 {count}(조합 수)까지의 정수여야 합니다.",
        "nothing_to_sample": "조합이 2개뿐이라 표본으로 고를 것이 없습니다. 둘 다 학습하세요.",
        "one_run": "실행 하나는 스윕이 아닙니다. 바꿀 설정에 값을 하나 더 주거나, 그 실행 하나만 따로 학습하세요.",
        "combination": "조합 {values}은(는) 학습할 수 없습니다: {problem}.",
        "images_over": "limit_train={value}은(는) 지금 쓰는 데이터의 학습 이미지 {available}장보다 많습니다. {available} 이하로 쓰거나, 모든 이미지를 쓰려면 all(0)을 쓰세요.",
    },
    "device_problem": {
        "cpu_build": "nvidia-smi에 {gpus}이(가) 보이지만 여기 설치된 TensorFlow는 CPU 빌드라서 학습이 CPU에서 돌아갑니다. `FMNIST_GPU=1 bash scripts/start.sh`로 스튜디오를 시작하면(또는 `{pip}` 실행) CUDA 빌드가 설치됩니다.",
        "cuda_build_unusable": "nvidia-smi에 {gpus}이(가) 보이고 TensorFlow의 CUDA 빌드도 설치되어 있지만 TensorFlow가 GPU를 쓰지 못해 학습이 CPU에서 돌아갑니다. NVIDIA 드라이버가 CUDA 12에 비해 오래되었을 가능성이 크니 드라이버를 업데이트한 뒤 다시 시작하세요(서버 로그에 TensorFlow가 밝힌 원인이 있습니다).",
        "jax_cpu_only": "nvidia-smi에 {gpus}이(가) 보이지만 여기 설치된 JAX에는 CUDA 지원이 없어 학습이 CPU에서 돌아갑니다. `{pip}`로 설치한 뒤 다시 시작하세요.",
        "torch_cpu_only": "nvidia-smi에 {gpus}이(가) 보이지만 여기 설치된 PyTorch는 CPU 전용 빌드라서 학습이 CPU에서 돌아갑니다. CUDA 빌드의 torch를 설치한 뒤(pytorch.org에 pip 명령이 있습니다) 다시 시작하세요.",
        "driver_missing": "이 컴퓨터에는 NVIDIA GPU가 있지만 드라이버가 작동하지 않아({detail}) 학습이 CPU에서 돌아갑니다. nvidia-smi에 GPU가 보일 때까지 NVIDIA 드라이버를 설치하거나 고친 뒤 다시 시작하세요.",
        "cuda_build_without_gpu": "TensorFlow의 CUDA 빌드가 설치되어 있지만 이 컴퓨터에는 쓸 수 있는 NVIDIA GPU가 없어 학습이 CPU에서 돌아갑니다. `FMNIST_GPU=0 bash scripts/start.sh`로 더 가벼운 CPU 빌드를 설치할 수 있습니다.",
    },
    "sweep_kind": {
        "whole": "정수",
        "number": "숫자",
        "bool": "true 또는 false",
        "choice": "{choices} 중 하나",
    },
}


def _with_english() -> dict[str, dict[str, str]]:
    """The engine's messages as catalog entries: English from the engine, Korean from above."""
    from fmnist_core.architectures import JSON_TEXTS, PRESET_TEXTS, PROBLEM_TEXTS
    from fmnist_core.data import DATA_FIXES, DATA_TEXTS, SAMPLE_REASONS
    from fmnist_core.device import PROBLEM_TEXTS as DEVICE_PROBLEM_TEXTS
    from fmnist_core.inference import INPUT_TEXTS
    from fmnist_core.layer_kinds import FORMULA_TEXTS, SIZE_TEXTS
    from fmnist_core.measured import CLAIM_TEXTS, DURATION_TEXTS
    from fmnist_core.names import NAME_TEXTS
    from fmnist_core.network_links import LINK_TEXTS
    from fmnist_core.ray_executor import CLUSTER_TEXTS
    from fmnist_core.store import STORE_TEXTS
    from fmnist_core.sweeps import KIND_TEXTS, SWEEP_TEXTS
    from fmnist_core.training import ALLOWED_TEXTS

    english = {
        "formula": FORMULA_TEXTS,
        "size": SIZE_TEXTS,
        "preset": PRESET_TEXTS,
        "claim": CLAIM_TEXTS,
        "duration": DURATION_TEXTS,
        "problem": PROBLEM_TEXTS,
        "input": INPUT_TEXTS,
        "allowed": ALLOWED_TEXTS,
        "data_problem": DATA_TEXTS,
        "data_fix": DATA_FIXES,
        "sample_reason": SAMPLE_REASONS,
        "store": STORE_TEXTS,
        "name_problem": NAME_TEXTS,
        "json_problem": JSON_TEXTS,
        "link_problem": LINK_TEXTS,
        "sweep_problem": SWEEP_TEXTS,
        "sweep_kind": KIND_TEXTS,
        "device_problem": DEVICE_PROBLEM_TEXTS,
        "cluster": CLUSTER_TEXTS,
    }
    # A key the engine has but Korean lacks (or the reverse) fails here, at import, not on a page.
    for prefix, texts in english.items():
        if set(texts) != set(_KOREAN_ENGINE_TEXTS[prefix]):
            raise KeyError(
                f"Korean {prefix} texts differ from the engine's: "
                f"{sorted(set(texts) ^ set(_KOREAN_ENGINE_TEXTS[prefix]))}"
            )
    return {
        f"{prefix}.{key}": {"en": text, "ko": _KOREAN_ENGINE_TEXTS[prefix][key]}
        for prefix, texts in english.items()
        for key, text in texts.items()
    }


MESSAGES.update(_with_english())


def language() -> str:
    """The language chosen in the sidebar (``FMNIST_LANG`` until the user picks one)."""
    return st.session_state.get(LANGUAGE_KEY) or settings.default_language()


def t(key: str, **values: object) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    said_in = language()
    text = MESSAGES[key][said_in]
    if not values:
        return text
    text = text.format(**values)
    # A Korean particle after a value takes the form that value's last sound asks for, and a
    # small ordinal is said the native way.
    return korean.ordinals(korean.particles(text)) if said_in == "ko" else text


def problem_text(problem, with_layer: bool = True, in_file: bool = False) -> str:
    """An engine ``Problem`` (a network that cannot be built) in the current language; a
    setting is named by the editor's label ("Kernel"), and ``in_file`` adds the key a JSON
    file writes it under ("Kernel (kernel_size)")."""
    values = dict(problem.values)
    setting = values.get("setting")
    if f"setting.{setting}" in MESSAGES:
        label = t(f"setting.{setting}")
        values["setting"] = f"{label} ({setting})" if in_file else label
    message = t(f"problem.{problem.key}", **values)
    if not with_layer or problem.position == 0:
        return message
    return t("problem.layer", position=problem.position, layer=problem.layer_type, message=message)


def description_text(spec: dict) -> str:
    """A network's description in the current language: a preset's own description is
    translated (figures filled in), any other description is shown as its author wrote it."""
    from fmnist_core.architectures import PRESETS, preset_figures

    description = spec.get("description") or ""
    for key, preset in PRESETS.items():
        if description == preset["description"]:
            figures = preset_figures(key, say=claim_text)
            count = count_text(int(figures["multiply_adds"]))
            return t(f"preset.{key}", **figures | {"multiply_adds": count})
    return description


def device_phrase(found) -> str:
    """A compute device (an engine ``Device``) in the current language, e.g. ``CPU x86_64,
    2 cores (tensorflow)`` or ``CPU x86_64, 코어 2개 (tensorflow)``."""
    if found.gpus:
        return t("device.gpu", names=", ".join(found.gpus), backend=found.backend)
    key = "device.cpu_one" if found.cores == 1 else "device.cpu"
    return t(key, machine=found.machine, cores=found.cores, backend=found.backend)


def device_words(described: str) -> str:
    """A device line as a run or a benchmark record stored it (``Device.describe``) in the
    current language; any other text as it is."""
    from fmnist_core.device import Device

    found = Device.from_description(described)
    return device_phrase(found) if found else described


def claim_figures(claim) -> dict[str, str]:
    """A claim's figures (``Claim.figures``) with its machine and training time in the current
    language."""
    figures = claim.figures()
    return figures | {
        "machine": device_words(figures["machine"]),
        "duration": duration_text(claim.median_seconds),
    }


def claim_range_text(claim) -> str:
    """A claim's median test accuracy, with its lowest and highest seed when it has several
    (``93.03% (92.73% – 93.64%)``): a table cell."""
    figures = claim.figures()
    if claim.seeds == 1:
        return figures["median"]
    return f"{figures['median']} ({figures['lowest']} – {figures['highest']})"


def claim_seeds_text(claim) -> str:
    """The seeds a claim stands on, marked where they are fewer than the protocol's: a record
    from before the protocol, or seeds still being run (``4 of 5 (still measuring)``)."""
    from fmnist_core.measured import seeds_wanted

    if not claim.honest:
        return t("home.seeds_before_protocol", seeds=claim.seeds)
    if claim.still_measuring:
        return t("home.seeds_measuring", seeds=claim.seeds, wanted=seeds_wanted(claim.recipe))
    return str(claim.seeds)


def claim_text(claim, what: str) -> str:
    """What a preset reached (a ``fmnist_core.measured.Claim``, or None when nothing is
    recorded) in the current language, as ``what`` (``accuracy`` or ``recipe``) says it."""
    from fmnist_core.measured import claim_key

    return t(f"claim.{claim_key(claim, what)}", **(claim_figures(claim) if claim else {}))


def formula_text(row) -> str:
    """How a summary row's parameters are counted (an engine ``LayerRow``), in the current
    language, to be shown in a table (see ``_held_to_operands``)."""
    return _held_to_operands(t(f"formula.{row.formula_key}", **row.formula_values))


def size_text(row) -> str:
    """How a summary row's output size was worked out (an engine ``LayerRow``), in the current
    language, to be shown in a table (see ``_held_to_operands``); empty for a layer that slides
    no window."""
    return _held_to_operands(t(f"size.{row.size_key}", **row.size_values)) if row.size_key else ""


# A space after an operator, which a no-break space replaces.
_AFTER_OPERATOR = re.compile(r"(?<= [+−=/·×]) ")


def _held_to_operands(formula: str) -> str:
    """``formula`` with each operator held to what follows it: a phone's narrow table column
    wraps it only before an operator ("28 − 3" / "+ 1 = 26", as a worked sum continues on the
    next line), never between an operator and its number ("28 − 3 +" / "1 = 26")."""
    return _AFTER_OPERATOR.sub("\u00a0", formula)


def setting_text(problem) -> str:
    """An out-of-range training setting (``SettingProblem``) in the current language, named as
    its widget is."""
    from fmnist_core.training import SETTINGS

    return t(
        "setting_problem",
        setting=t(SETTINGS[problem.setting].label),
        value=problem.value,
        allowed=t(f"allowed.{problem.key}", **problem.values),
    )


def data_error_text(error) -> str:
    """A ``DataFileError`` (which file, what is wrong, what to do) in the current language."""
    return t(
        "error.data_detail",
        problem=t(f"data_problem.{error.key}", **error.values),
        path=str(error.path),
        fix=t(f"data_fix.{error.fix}", **error.fix_values),
    )


def count_text(count: float) -> str:
    """A large count as the current language reads it: ``2.4 M`` in English; in Korean rounded
    to 만 (ten thousands), ``239만`` or ``3억 2,158만``."""
    if language() != "ko":
        return f"{count / 1e6:,.1f} M"
    man = round(count / 1e4)
    eok, rest = divmod(man, 10_000)
    parts = ([f"{eok:,}억"] if eok else []) + ([f"{rest:,}만"] if rest else [])
    return " ".join(parts) or f"{round(count):,}"


def epochs_text(count: int) -> str:
    """``1 epoch`` or ``3 epochs`` in the current language."""
    return t("train.epoch_count_one" if count == 1 else "train.epoch_count", count=count)


def duration_text(seconds: float | None) -> str:
    """``1 h 02 min``, ``3 min 05 s`` or ``42 s`` in the current language; ``—`` when unknown."""
    from fmnist_core.measured import DURATION_TEXTS, duration_words

    if seconds is None:
        return "—"
    return duration_words(seconds, {key: t(f"duration.{key}") for key in DURATION_TEXTS})


def store_text(error) -> str:
    """Why the run store cannot be used (``StoreUnavailable``), in the current language."""
    values = dict(error.values)
    if getattr(error, "detail_key", None):  # the detail is a message too: in this language
        values["detail"] = t(f"store.{error.detail_key}", **values)
    return t(f"store.{error.key}", **values)


def device_problem_text(problem) -> str:
    """Why a GPU this machine has goes unused (an engine device ``Problem``), in the current
    language."""
    return t(f"device_problem.{problem.key}", **problem.values)


def network_file_text(error: Exception) -> str:
    """Why a network file or link cannot be read (an engine ``JsonError`` or ``LinkError``), in
    the current language; any other error as it says itself."""
    from fmnist_core.architectures import JsonError
    from fmnist_core.network_links import LinkError

    if isinstance(error, LinkError):
        return t(f"link_problem.{error.problem.key}", **error.problem.values)
    if isinstance(error, JsonError):
        return json_problem_text(error.problem)
    return str(error)


def json_problem_text(problem) -> str:
    """A network JSON's problem (an engine ``JsonProblem``), in the current language."""
    values = dict(problem.values)
    if problem.inner is not None:
        values["detail"] = json_problem_text(problem.inner)
    elif problem.name_problem is not None:
        values["detail"] = name_text(problem.name_problem)
    return t(f"json_problem.{problem.key}", **values)


def name_text(problem) -> str:
    """Why a name cannot be used (an engine ``NameProblem``), in the current language."""
    return t(f"name_problem.{problem.key}", **problem.values)


def input_text(problem) -> str:
    """An engine input problem or notice (``key`` and ``values``) in the current language."""
    return t(f"input.{problem.key}", **problem.values)

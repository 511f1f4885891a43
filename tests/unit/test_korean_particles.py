import pytest

from ui.korean import ordinals, particles


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("실행 3은(는) 없습니다", "실행 3은 없습니다"),  # 삼
        ("실행 2은(는) 없습니다", "실행 2는 없습니다"),  # 이
        ("실행 10은(는)", "실행 10은"),  # 십
        ("실행 #12을(를) 보여 줍니다", "실행 #12를 보여 줍니다"),  # 십이
        ("0.25이(가)", "0.25가"),  # 영점이오
        ("92.5%이(가)", "92.5%가"),  # 퍼센트
        ("파일이(가) 손상", "파일이 손상"),
        ("폴더이(가) 없습니다", "폴더가 없습니다"),
        ("바지과(와) 셔츠", "바지와 셔츠"),
        ("가방와(과) 셔츠", "가방과 셔츠"),
        ("2051(으)로 시작", "2051로 시작"),  # 일: ㄹ takes 로
        ("2049(으)로", "2049로"),  # 구
        ("20(으)로", "20으로"),  # 이십
        ("서울(으)로", "서울로"),
        ("부산(으)로", "부산으로"),
        # A quoted name as if unquoted: the Architecture page's saved networks.
        ("“교사 네트워크”을(를) 삭제했습니다", "“교사 네트워크”를 삭제했습니다"),
        ("“교사 네트워크”은(는)", "“교사 네트워크”는"),
        ("“새 이름”(으)로 바꿨습니다", "“새 이름”으로 바꿨습니다"),
        ("“교사 네트워크”(으)로", "“교사 네트워크”로"),
        ("'모델'이(가)", "'모델'이"),
    ],
)
def test_a_particle_follows_the_sound_before_it(written, read):
    assert particles(written) == read


@pytest.mark.parametrize(
    "kept", ["fast CNN은(는)", "“Teacher net”을(를)", "(CPU)이(가)", "model.keras(으)로"]
)
def test_both_forms_stay_where_the_sound_cannot_be_told(kept):
    assert particles(kept) == kept


def test_the_dashboard_says_a_linked_run_with_the_right_particle(monkeypatch):
    from ui import i18n

    monkeypatch.setattr(i18n, "language", lambda: "ko")
    said = i18n.t("run.link_missing", linked="99", shown=3)
    assert "실행 99는" in said and "(는)" not in said.split("99")[1][:4]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1번째 층 · Conv2D", "첫 번째 층 · Conv2D"),
        ("2번째 에포크의 점", "두 번째 에포크의 점"),
        ("10번째 층", "열 번째 층"),
        ("12번째 층", "12번째 층"),  # a larger number stays in digits
        ("1–16번째", "1–16번째"),  # the end of a range too
        ("{n}번째", "{n}번째"),
    ],
)
def test_small_ordinals_are_said_the_native_way(written, read):
    assert ordinals(written) == read

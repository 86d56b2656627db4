"""Closed-set answers and typed characters for handwritten values (issue 14 §3), on small made-up
frame scores: no network is needed to check the decoding itself."""

from __future__ import annotations

import numpy as np

from scanning.handwriting import _greedy, ctc_log_likelihood

CHARS = ["<blank>", *"NamữViệte0123456789/. ,o"]
CLASSES = {ch: i for i, ch in enumerate(CHARS) if i}


def _frames(path: str, sure: float = 0.9) -> np.ndarray:
    """Frame scores where each frame mostly says one character of *path* ("_" = blank)."""
    frames = np.full((len(path), len(CHARS)), (1 - sure) / (len(CHARS) - 1))
    for t, ch in enumerate(path):
        frames[t, 0 if ch == "_" else CLASSES[ch]] = sure
    return np.log(frames)


def test_the_answer_the_frames_spell_scores_highest():
    frames = _frames("_N_a_m_")
    scores = {c: ctc_log_likelihood(frames, CLASSES, c) for c in ("Nam", "Nữ")}
    assert scores["Nam"] > scores["Nữ"] + 5


def test_leader_dots_around_the_answer_do_not_count_against_it():
    dotted = _frames("._N_a_m_..")
    assert ctc_log_likelihood(dotted, CLASSES, "Nam") > ctc_log_likelihood(dotted, CLASSES, "Nữ") + 5
    assert np.isfinite(ctc_log_likelihood(dotted, CLASSES, "Nam"))


def test_a_badly_formed_letter_still_picks_the_nearer_answer():
    # "Mam": no "M" in these classes, the first letter is unclear — "a", "m" still say "Nam".
    frames = _frames("_N_a_m_", sure=0.9)
    frames[1] = np.log(np.full(len(CHARS), 1 / len(CHARS)))
    assert ctc_log_likelihood(frames, CLASSES, "Nam") > ctc_log_likelihood(frames, CLASSES, "Nữ")


def test_an_answer_the_network_cannot_write_or_too_long_is_impossible():
    frames = _frames("_N_a_m_")
    assert ctc_log_likelihood(frames, CLASSES, "Kinh") == float("-inf")       # "K" not a class here
    assert ctc_log_likelihood(_frames("Na"), CLASSES, "Nam Nam Nam") == float("-inf")


def test_repeated_letters_need_a_blank_between_them():
    assert ctc_log_likelihood(_frames("_1_1_"), CLASSES, "11") > ctc_log_likelihood(_frames("_1_1_"), CLASSES, "1")
    assert ctc_log_likelihood(_frames("11"), CLASSES, "11") < ctc_log_likelihood(_frames("11"), CLASSES, "1")


def test_allowed_characters_keep_an_open_zero_a_digit():
    frames = _frames("_0_7_/_o_8_")        # the network took the second "0" for an "o"
    frames[7, CLASSES["0"]] = np.log(0.05)
    assert _greedy(frames, CLASSES, None) == "07/o8"
    assert _greedy(frames, CLASSES, "0123456789/") == "07/08"


def test_a_word_the_other_engine_read_better_is_swapped_in_and_garbage_is_not():
    from scanning.handwriting import best_supported

    # "ệ" spread over two frames, "e" stronger on one of them: the best path reads "Viet", yet
    # "Việt" has the higher likelihood summed over its paths.
    frames = _frames("_N_a_m_ _V_i_ệ_t_")
    frames[13] = frames[14] = np.log(np.full(len(CHARS), 0.002))
    frames[13, CLASSES["ệ"]], frames[13, CLASSES["e"]] = np.log(0.45), np.log(0.5)
    frames[14, CLASSES["ệ"]], frames[14, 0] = np.log(0.45), np.log(0.5)
    own = _greedy(frames, CLASSES, None)
    assert own == "Nam Viet"
    assert best_supported(frames, CLASSES, own, ["Nam Việt"]) == "Nam Việt"
    assert best_supported(frames, CLASSES, own, ["N0 ..,"]) == own          # tesseract's garbage loses
    # Only the word that fits better is taken from a reading that is wrong elsewhere.
    assert best_supported(frames, CLASSES, own, ["Nữ Việt"]) == "Nam Việt"

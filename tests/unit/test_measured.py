"""fmnist_core.measured: benchmark records in, claims (median and lowest over seeds) out."""

from __future__ import annotations

import json

from fmnist_core import architectures, measured


def write_record(folder, name, date, runs, protocol=measured.HONEST_PROTOCOL, **extra):
    record = {
        "benchmark": "bench.time_to_accuracy",
        "protocol": protocol,
        "date": date,
        "machine": {"device": "CPU x86_64, 2 cores (tensorflow)", "cpu": "Test CPU"},
        "runs": runs,
        **extra,
    }
    (folder / name).write_text(json.dumps(record))


def fast_run(seed, accuracy, seconds):
    return {
        "preset": "fast",
        "recipe": "fast",
        "seed": seed,
        "epochs": 6,
        "test_accuracy": accuracy,
        "training_seconds": seconds,
    }


def test_a_claim_is_the_median_and_lowest_over_the_seeds_of_the_newest_record(tmp_path):
    write_record(tmp_path, "old.json", "2026-11-28", [fast_run(42, 0.9266, 54)])
    accuracies = [0.9243, 0.9228, 0.9251, 0.9240, 0.9262]
    write_record(
        tmp_path,
        "new.json",
        "2026-11-29T23:00:00Z",
        [fast_run(seed, a, 50 + seed) for seed, a in enumerate(accuracies, 1)],
    )
    claim = measured.claim("fast", "fast", folder=tmp_path)
    assert (claim.seeds, claim.median_accuracy, claim.lowest_accuracy) == (5, 0.9243, 0.9228)
    assert (claim.highest_accuracy, claim.median_seconds, claim.date) == (0.9262, 53, "2026-11-29")
    assert claim.honest and claim.source == "new.json"
    words = measured.claim_words(claim, "recipe")
    assert words.startswith(
        "on the fast network: at least 92.2% on every seed we tried (5), about 53 s"
    )


def test_a_tuning_record_which_never_scored_the_test_split_claims_nothing(tmp_path):
    write_record(tmp_path, "old.json", "2026-11-28", [fast_run(42, 0.9266, 54)])
    write_record(tmp_path, "tuning.json", "2026-11-30", [fast_run(101, None, 40)])
    assert measured.claim("fast", "fast", folder=tmp_path).source == "old.json"


def test_at_least_never_claims_more_than_the_lowest_seed(tmp_path):
    write_record(
        tmp_path, "r.json", "2026-11-29", [fast_run(1, 0.92379, 50), fast_run(2, 0.93, 50)]
    )
    assert measured.claim("fast", "fast", folder=tmp_path).figures()["at_least"] == "92.3%"


def test_a_record_from_before_the_protocol_says_one_seed(tmp_path):
    write_record(
        tmp_path, "legacy.json", "2026-11-28", [fast_run(42, 0.9266, 54)], measured.LEGACY_PROTOCOL
    )
    claim = measured.claim("fast", "fast", folder=tmp_path)
    assert claim.kind == "one_seed" and not claim.honest
    assert "92.66% on one seed" in measured.claim_words(claim, "accuracy")


def test_a_broken_or_foreign_file_hides_only_itself(tmp_path):
    (tmp_path / "cut-off.json").write_text('{"runs": [')
    (tmp_path / "gpu-trials.json").write_text(json.dumps({"machine": {}, "trials": []}))
    write_record(tmp_path, "bad-run.json", "2026-11-30", [{"preset": "fast", "recipe": "fast"}])
    write_record(tmp_path, "good.json", "2026-11-29", [fast_run(1, 0.925, 50)])
    assert [c.source for c in measured.claims(tmp_path)] == ["good.json"]


def test_no_folder_means_no_claims_and_the_words_say_so(tmp_path):
    assert measured.claims(tmp_path / "absent") == []
    assert measured.claim("fast", "fast", folder=tmp_path / "absent") is None
    assert measured.claim_words(None, "recipe") == measured.CLAIM_TEXTS["recipe.none"]


def test_the_baseline_epochs_are_the_median_over_seeds_pooled_from_every_lecture_record(tmp_path):
    def lecture_run(seed, first, **extra):
        return {
            "preset": "lecture-3",
            "recipe": "lecture",
            "seed": seed,
            "epochs": 25,
            "first_epoch_at_lecture_accuracy": first,
            **extra,
        }

    write_record(tmp_path, "old.json", "2026-11-28", [lecture_run(42, 10), lecture_run(1, 14)])
    write_record(
        tmp_path,
        "new.json",
        "2026-11-30",
        [
            lecture_run(1, 9),  # the same seed again: the newer record wins
            lecture_run(2, 12),
            lecture_run(3, None, epochs=16),  # never within 16 epochs: at least 17
            lecture_run(4, 3, limit_train=300),  # a smoke run says nothing
        ],
    )
    assert measured.lecture_epochs_per_seed("lecture-3", tmp_path) == {1: 9, 2: 12, 3: 17, 42: 10}
    assert measured.lecture_epochs_to_accuracy("lecture-3", tmp_path) == 10
    assert measured.lecture_epochs_to_accuracy("lecture-1", tmp_path) is None


def test_the_committed_records_cover_every_recipe_on_its_preset():
    for recipe, preset in measured.RECIPE_PRESETS.items():
        assert measured.recipe_claim(recipe).preset == preset
    # On a lecture model the lecture's recipe cites that model's record; elsewhere its own.
    assert measured.recipe_claim("lecture", "lecture-2").preset == "lecture-2"
    assert measured.recipe_claim("lecture", "fast").preset == "lecture-3"
    assert measured.recipe_claim("fast", "lecture-2").preset == "fast"


def test_the_tuning_candidates_still_train_what_the_committed_records_say():
    # bench.tuning's candidates name each setting they change, so re-running one repeats it.
    from bench.tuning import CANDIDATES
    from fmnist_core import architectures

    tried = 0
    for path in sorted(measured.RESULTS.glob("tuning-*.json")):
        for name, trained in json.loads(path.read_text())["candidates"].items():
            candidate = CANDIDATES[name]
            config = candidate.config(trained["config"]["seed"], trained["config"]["limit_train"])
            assert config.to_dict() == trained["config"], name
            layers = [architectures.complete_layer(layer) for layer in candidate.spec()["layers"]]
            assert layers == [
                architectures.complete_layer(layer) for layer in trained["spec"]["layers"]
            ], name
            tried += 1
    assert tried >= 8


def test_a_record_of_a_preset_s_former_layers_claims_nothing(tmp_path):
    former = [{"type": "Flatten"}, {"type": "Dense", "units": 10, "activation": "softmax"}]
    write_record(tmp_path, "now.json", "2026-11-29", [fast_run(1, 0.9258, 69)])
    write_record(
        tmp_path, "former.json", "2026-11-30", [fast_run(1, 0.91, 9)], networks={"fast": former}
    )
    assert measured.claim("fast", "fast", folder=tmp_path).source == "now.json"
    current = architectures.preset("fast")["layers"]
    write_record(
        tmp_path, "newest.json", "2026-12-01", [fast_run(1, 0.93, 50)], networks={"fast": current}
    )
    assert measured.claim("fast", "fast", folder=tmp_path).source == "newest.json"


def test_a_smoke_run_on_a_few_images_claims_nothing(tmp_path):
    write_record(tmp_path, "real.json", "2026-11-29", [fast_run(1, 0.9258, 69)])
    smoke = fast_run(1, 0.7514, 7) | {"limit_train": 300}
    write_record(tmp_path, "smoke.json", "2026-11-30", [smoke])
    assert measured.claim("fast", "fast", folder=tmp_path).source == "real.json"


def test_a_one_seed_record_under_the_protocol_is_not_called_older(tmp_path):
    write_record(tmp_path, "one.json", "2026-11-30", [fast_run(1, 0.9258, 69)])
    claim = measured.claim("fast", "fast", folder=tmp_path)
    assert claim.kind == "first_seed"
    words = measured.claim_words(claim, "recipe")
    assert "before the protocol" not in words and "over 1 seeds" not in words
    assert "92.58% on the one seed measured so far" in words


def lecture_1_run(seed, accuracy, seconds=2100, epochs=25):
    return {
        "preset": "lecture-1",
        "recipe": "lecture",
        "seed": seed,
        "epochs": epochs,
        "test_accuracy": accuracy,
        "training_seconds": seconds,
    }


def test_the_lecture_recipe_s_seeds_are_pooled_from_every_record_of_the_same_experiment(tmp_path):
    # Five 25-epoch seeds take longer than a sitting on a CPU: they are run a few at a time.
    write_record(
        tmp_path, "legacy.json", "2026-11-28", [lecture_1_run(42, 0.86)], measured.LEGACY_PROTOCOL
    )
    write_record(tmp_path, "a.json", "2026-11-30", [lecture_1_run(1, 0.850), lecture_1_run(2, 0.9)])
    write_record(
        tmp_path, "other-machine.json", "2026-12-01", [lecture_1_run(5, 0.99)], machine="GPU"
    )
    write_record(tmp_path, "ten-epochs.json", "2026-12-01", [lecture_1_run(6, 0.7, epochs=10)])
    write_record(
        tmp_path,
        "b.json",
        "2026-12-02",
        [
            lecture_1_run(2, 0.852, 2000),  # seed 2 again: the newer run counts, once
            lecture_1_run(3, 0.856, 2200),
            lecture_1_run(4, 0.2) | {"limit_train": 300},
        ],
    )
    claim = measured.claim("lecture-1", "lecture", folder=tmp_path)
    assert (claim.seeds, claim.median_accuracy, claim.lowest_accuracy) == (3, 0.852, 0.850)
    assert (claim.highest_accuracy, claim.median_seconds, claim.epochs) == (0.856, 2100, 25)
    assert (claim.source, claim.sources, claim.date) == (
        "b.json",
        ("b.json", "a.json"),
        "2026-12-02",
    )
    assert claim.honest


def test_other_recipes_claim_their_newest_record_only(tmp_path):
    # Our recipes change between records (that is what tuning does): their seeds are not pooled.
    write_record(tmp_path, "a.json", "2026-11-30", [fast_run(1, 0.93, 50), fast_run(2, 0.93, 50)])
    write_record(tmp_path, "b.json", "2026-12-01", [fast_run(3, 0.925, 48)])
    claim = measured.claim("fast", "fast", folder=tmp_path)
    assert (claim.seeds, claim.sources) == (1, ("b.json",))

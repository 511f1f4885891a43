"""Train: set up a run, start it in the background worker, and watch its curves grow live."""

import dataclasses

import streamlit as st

from fmnist_core import architectures, progress, sweeps
from fmnist_core.measured import recipe_claim
from fmnist_core.training import RECIPES, SETTINGS, TrainConfig, recipe_changes, recipe_for
from fmnist_core.worker import ensure_worker, worker_running
from ui import address, networks, run_queue, run_settings, run_views, settings_form, sweep_views
from ui.common import (
    ON_A_PHONE,
    arrived,
    end_page,
    flash,
    flash_and_rerun,
    guarded,
    keep_expander_state,
    load_dataset_or_say,
    name_box,
    open_store,
    page_header,
    sample_banner,
    show_flash,
)
from ui.i18n import claim_text, count_text, epochs_text, problem_text, setting_text, t
from ui.lecture import LECTURE_MODELS

REFRESH_SECONDS = 1.0
HANDED = networks.HANDED_CHOICE

page_header("nav.train", "train.purpose")
show_flash()
# Unreadable data is said, and the page goes on without the New run form: the runs trained
# before stay in view (their curves, scores and models need no data).
dataset = load_dataset_or_say()
store = open_store()
store.mark_interrupted()
runs = store.list_runs()
if dataset is None:
    st.info(t("train.no_form_without_data" if runs else "train.no_data_no_runs"), icon="💾")
else:
    sample_banner(dataset)
queued = [run for run in runs if run.status == "queued"]
if queued and not worker_running(store.home):
    ensure_worker(store.home)  # a queued run must never wait for a worker that is gone

# --- what to train ------------------------------------------------------------------------------
networks.name_given_as_network(store)
handed = networks.handed_over()
choices = ([HANDED] if handed else []) + networks.choices(store)
handed_run = networks.handed_from_run()
handed_label = (
    {
        HANDED: t("train.handed_run", id=handed_run, name=handed["name"])
        if handed_run
        else t("train.handed", name=handed["name"])
    }
    if handed
    else {}
)


def network_label(choice: str) -> str:
    return networks.label(choice, handed_label)


def spec_for(choice: str) -> dict:
    return networks.spec(store, choice, {HANDED: lambda: handed})


def made_with(choice: str) -> str:
    """The recipe the network ``choice`` was made with (a saved copy of a preset included). An
    edit handed over from the Architecture page goes with the recipe of the network it was
    edited from: lecture-2 with a 5x5 kernel is the lecture's experiment with one change, and
    Compare then shows that change alone, not six settings of the fast recipe beside it."""
    preset = networks.measured_preset(choice, spec_for(choice))
    origin = networks.handed_origin()
    if preset is None and choice == HANDED and origin in choices and origin != HANDED:
        return made_with(origin)
    return recipe_for(preset)


def edited_notice(slot) -> None:
    """Says that the network handed over was edited again on the Architecture page since, with
    a button that takes the edited version (when it can be built)."""
    buildable = architectures.summarise(networks.edited()).valid
    slot.info(t("train.handed_edited" if buildable else "train.handed_edited_impossible"), icon="✏️")
    if buildable:
        slot.button(
            t("train.handed_take"),
            icon=":material/sync:",
            key="train_take_edited",
            on_click=networks.take_edited,
        )


RECIPE_APPLIED = "train_recipe_applied"  # what the last recipe button changed, said once


def apply_recipe(name: str, epochs: int | None = None) -> None:
    """Set the form to recipe ``name`` and keep, for one page run, what that changed (a recipe
    sets the epochs too: a student who chose 1 epoch must see it become 25); ``epochs``, when
    given, is kept instead of the recipe's."""
    recipe = RECIPES[name] if epochs is None else dataclasses.replace(RECIPES[name], epochs=epochs)
    before = settings_form.chosen_config().to_dict()
    settings_form.fill(recipe, recipe_only=True)
    after = settings_form.chosen_config().to_dict()
    st.session_state[RECIPE_APPLIED] = (
        name,
        {setting: (before[setting], after[setting]) for setting in recipe_changes(before, recipe)},
        ({} if epochs is None else {"epochs": epochs})
        | {setting: before[setting] for setting in settings_form.kept_by_recipes(before)},
    )


NETWORK_SHOWN = "train_network_shown"  # the network the form was last drawn with


def follow_the_network() -> None:
    """A network picked: when the form holds the recipe of the network it replaces, untouched
    (as a fresh form does), it takes the new network's own recipe, said as a recipe button says
    it; a quick try's fewer epochs stay. Settings the student chose stay as they are.

    Kept, the fast recipe's rate and batch size made a lecture model's loss climb, epoch after
    epoch, under a grey line saying only that the settings differ from the lecture's."""
    before, after = st.session_state.get(NETWORK_SHOWN), st.session_state[networks.TRAIN_CHOICE_KEY]
    if before is None or before not in choices:
        return
    held, wanted = made_with(before), made_with(after)
    form = settings_form.chosen_config().to_dict()
    if held == wanted or set(recipe_changes(form, RECIPES[held])) - {"epochs"}:
        return
    # Fewer epochs than the recipe held, and fewer than the new one's: a quick try, kept.
    quick = form["epochs"] < min(RECIPES[held].epochs, RECIPES[wanted].epochs)
    apply_recipe(wanted, epochs=form["epochs"] if quick else None)


def recipe_applied_text(name: str, changed: dict, kept: dict) -> str:
    """``Lecture's recipe … set: epochs 1 → 25, batch size 256 → 32. Left as you set them:
    training images 300.`` (or that the form already followed it)."""
    recipe = t(f"train.recipe_{name}")
    if not changed:
        text = t("train.recipe_applied_none", recipe=recipe)
    else:
        changes = ", ".join(
            f"{sweep_views.setting_in_prose(setting)} {sweep_views.value_label(setting, old)} → "
            f"{sweep_views.value_label(setting, new)}"
            for setting, (old, new) in changed.items()
        )
        text = t("train.recipe_applied", recipe=recipe, changes=changes)
    if kept:
        text += " " + t("train.recipe_kept", kept=sweep_views.values_in_prose(kept))
    return text


def edited_from(choice: str) -> str | None:
    """The preset a network handed over was edited from (lecture-2, for lecture-2 with a 5x5
    kernel; a saved copy of it too), whose figures are the nearest there are; else None."""
    origin = networks.handed_origin()
    if choice != HANDED or origin not in choices or origin == HANDED:
        return None
    return networks.measured_preset(origin, spec_for(origin))


def recipe_caption(recipe: str, choice: str, measured_as: str | None) -> str:
    """What ``recipe`` reached here, from the committed records, as sentences: on
    ``measured_as`` (the chosen preset, or the preset a saved network copies layer for layer)
    where it was measured there (lecture-2 with the lecture's recipe), else on the preset an
    edit was made from, else on the network the recipe was made for; then whether those
    figures are the chosen network's."""
    edited = None if measured_as else edited_from(choice)
    found = recipe_claim(recipe, measured_as or edited)
    if not found:
        return claim_text(found, "recipe")
    sentences = [t("train.recipe_measured_on", claim=claim_text(found, "recipe"))]
    planned = RECIPES[recipe].epochs
    if found.epochs != planned:  # e.g. the GPU recipe, cut short on a CPU
        sentences.append(t("train.recipe_cut", planned=planned))
    mine = networks.preset_key(choice) is None  # a saved or handed-over network
    if found.preset == measured_as:
        if mine:  # a saved copy of the preset measured
            sentences.append(t("train.recipe_same_layers", preset=measured_as))
    elif not mine:  # a preset this recipe was not measured on
        sentences.append(t("train.recipe_not_this_preset", preset=measured_as))
    elif measured_as:  # a saved copy of such a preset
        sentences.append(t("train.recipe_copy_not_measured", preset=measured_as))
    elif edited and found.preset == edited:  # not lecture-3's figures for an edited lecture-2
        sentences.append(t("train.recipe_edited_from", preset=edited))
    else:
        sentences.append(t("train.recipe_not_yours"))
    return " ".join(sentences)


def recipe_held_text(recipe, chosen) -> str:
    """What a recipe's tick means: the form follows it, perhaps for fewer of its epochs (which
    still count as it: a quicker try of the recipe)."""
    if chosen.epochs < recipe.epochs:
        return t("train.recipe_held_shorter", epochs=chosen.epochs, recipe_epochs=recipe.epochs)
    return t("train.recipe_held")


# The network, by name in the address (?arch=lecture-2), as the command line's --arch; and the
# settings (?epochs=2&limit_train=600): a refresh keeps them, and a teacher can send the class a
# link to a run's settings. Read once per browser session.
first_visit = address.first_visit("train")
named, unknown = networks.named_in_address(choices) if first_visit else (None, None)
usual = choices[0] if handed else "preset:fast"
# A fresh form pairs the network with the recipe it was made with; the address changes it.
if settings_form.widget_key("epochs") not in st.session_state:
    # The recipe its preset was made with (a saved copy of one included); and what a recipe
    # leaves alone.
    fresh = named or usual
    settings_form.fill(RECIPES[made_with(fresh)])
unusable = (
    settings_form.from_address(len(dataset.train_labels))
    if first_visit and dataset is not None
    else []
)

# The New run form is open for a network brought here to train (Architecture's "Train this
# network", Lecture's "Train it": the address names it), and otherwise folded while a run trains
# or for a link to a run (?run=3), so the run comes first. That is decided when the student
# arrives, when a Start queues runs and when a run's settings are put in the form; never
# because a run ended: the form unfolding then pushed the result below a projector's fold.
# Opened or folded by hand, it stays.
FORM_DECIDED = "train_new_run_decided"  # how many times the page decided; part of the form's key


def form_key() -> str:
    return f"train_new_run_open_{st.session_state.get(FORM_DECIDED, 0)}"


def decide_form(open_it: bool) -> None:
    """Open or fold the New run form (before it is drawn, or in a callback). A new key each
    time: set through the state of the same key, the browser's copy of the old state came back
    with a later rerun and unfolded the form by itself."""
    st.session_state[FORM_DECIDED] = st.session_state.get(FORM_DECIDED, 0) + 1
    st.session_state[form_key()] = open_it


fold = st.session_state.pop(run_queue.FOLD_FORM, False)  # left by a Start (here or on Lecture)
if arrived():
    brought = networks.NAME_KEY in st.query_params or networks.ADDRESS_KEY in st.query_params
    linked_run = next((run for run in runs if str(run.id) == st.query_params.get("run")), None)
    # The page writes the network and the run it shows into the address: refreshed, a page
    # watching a run it started reads both. A run still training comes first then (the subtitle
    # promises a refresh is safe); one that ended leaves the form open as it was brought.
    if linked_run is not None and linked_run.active:
        decide_form(False)
    else:
        decide_form(brought or not (linked_run or any(run.active for run in runs)))
elif fold:
    decide_form(False)
else:
    keep_expander_state(form_key())


def new_run_form(train_images: int) -> None:
    """The New run form's contents: the network, its recipe and settings, and Start (or Sweep
    mode); ``train_images``: how many training images the data in use has."""
    if named:
        st.session_state[networks.TRAIN_CHOICE_KEY] = named
    elif st.session_state.get(networks.TRAIN_CHOICE_KEY) not in choices:
        st.session_state[networks.TRAIN_CHOICE_KEY] = usual
    choice = st.selectbox(
        t("train.network"),
        choices,
        format_func=network_label,
        key=networks.TRAIN_CHOICE_KEY,
        persist_state="session",  # as the settings below: kept across a visit to another page
        on_change=follow_the_network,
    )
    st.session_state[NETWORK_SHOWN] = choice
    # Slots drawn on every run, filled or not: a notice that comes and goes would shift every
    # widget below it, which the browser then shows twice (old and new) until the run ends.
    edited_slot, unknown_slot, size_slot, hint_slot = st.empty(), st.empty(), st.empty(), st.empty()
    if choice == HANDED and networks.edited_since_handed(handed):
        edited_notice(edited_slot.container())
    if unknown:
        unknown_slot.info(t("network.name_unknown", name=unknown), icon="🔗")
    spec = spec_for(choice)
    summary = architectures.summarise(spec)
    if summary.valid:
        size_slot.caption(
            t(
                "train.network_size",
                params=summary.total_params,
                macs=count_text(summary.multiply_adds),
            )
        )
    else:  # said before Start, not after (a link can carry a network that cannot be built)
        size_slot.error(
            t(
                "train.network_impossible",
                problems="; ".join(problem_text(problem) for problem in summary.problems),
            ),
            icon="🚫",
        )
    # A lecture model on the fast recipe (a fresh page's) is not the lecture's experiment: say
    # which settings differ from the lecture's. Fewer epochs (a quick try) still are its recipe.
    if networks.preset_key(choice) in LECTURE_MODELS:
        differ = settings_form.differences(RECIPES["lecture"], besides=("epochs",))
        from_lecture = settings_form.from_lecture_step(networks.preset_key(choice))
        if from_lecture:  # the batch size and split the student chose there, not to be undone
            limit = from_lecture.pop("limit_train")
            images = t("lecture.images", count=limit) if limit else t("lecture.images_all")
            epochs = epochs_text(from_lecture.pop("epochs"))
            hint_slot.info(
                t(
                    "train.from_lecture",
                    name=spec["name"],
                    epochs=epochs,
                    images=images,
                    lecture_epochs=RECIPES["lecture"].epochs,
                    **from_lecture,
                ),
                icon=":material/school:",
            )
        elif differ:
            hint_slot.caption(
                t(
                    "train.lecture_recipe_hint",
                    name=spec["name"],
                    settings=", ".join(differ),
                    epochs=RECIPES["lecture"].epochs,
                )
            )
    # Each recipe button says what the recipe reached here, from the committed benchmark records.
    recipes = st.container(horizontal=True, key="train_recipes")  # wraps in a narrow window
    # On a phone the four stack, and their figures put Start two screens down: there only the
    # chosen recipe's are shown (a tap on another recipe chooses it and shows its own).
    st.html(
        f"<style>{ON_A_PHONE} {{"
        " .st-key-train_recipes [data-testid='stCaptionContainer'] {display: none;}"
        " .st-key-train_recipe_held [data-testid='stCaptionContainer'] {display: block;}}</style>"
    )
    # The settings as the form holds them in this run (its widgets' values are set before the
    # page runs, by the browser or a recipe button's callback, and drawing them changes nothing).
    chosen = settings_form.chosen_config()
    form_now = chosen.to_dict()
    measured_as = networks.measured_preset(choice, spec)
    for recipe in RECIPES:
        # A tick on the recipe the form holds (fewer epochs still count as it).
        held = not set(recipe_changes(form_now, RECIPES[recipe])) - {"epochs"}
        with recipes.container(width=300, key="train_recipe_held" if held else None):
            st.button(
                t(f"train.recipe_{recipe}"),
                on_click=apply_recipe,
                args=(recipe,),
                key=f"train_recipe_{recipe}",
                icon=":material/check:" if held else None,
                help=recipe_held_text(RECIPES[recipe], chosen) if held else None,
            )
            caption = recipe_caption(recipe, choice, measured_as)
            if held and chosen.epochs < RECIPES[recipe].epochs:
                # Seen without hovering (a phone, a projector): the label says 25 epochs.
                shorter = t(
                    "train.recipe_shorter_now",
                    epochs=chosen.epochs,
                    recipe_epochs=RECIPES[recipe].epochs,
                )
                caption = f"{shorter} {caption}"
            st.caption(caption)
    applied_slot = st.empty()  # drawn on every run (see the slots above)
    if RECIPE_APPLIED in st.session_state:
        applied_slot.success(recipe_applied_text(*st.session_state.pop(RECIPE_APPLIED)), icon="✅")

    # Where each setting's widget sits; its range, label and step come from its declaration.
    left, middle, right = st.columns(3)
    with left:
        for name in ("epochs", "batch_size", "optimizer", "learning_rate", "schedule"):
            settings_form.draw(name)
    with middle:
        for name in ("validation", "validation_split", "limit_train", "seed"):
            settings_form.draw(name, high=train_images)
        name_box(st, t("train.run_name"), "train_run_name", placeholder=spec["name"])
    with right:
        for name in (
            "augment_shift",
            "augment_flip",
            "early_stopping_patience",
            "label_smoothing",
            "mixed_precision",
        ):
            settings_form.draw(name)
    # drawn on every run (see the slots above)
    unusable_slot, idle_slot, batch_slot, refused_slot = (st.empty() for _ in range(4))
    if unusable:
        said = " · ".join(setting_text(problem) for problem in unusable)
        unusable_slot.info(t("address.unusable_settings", problems=said), icon="🔗")
    if "early_stopping_patience" in chosen.idle_settings():
        idle_slot.warning(t("train.patience_idle"), icon="⚠️")
    # Said at once, not after Start: a box that takes 0-60000 images also takes the 1-9 no run can.
    refused = settings_form.form_problems(chosen, train_images)
    # Allowed, but a batch larger than the images trained on makes each epoch one step.
    fitted = sweeps.training_images(chosen, train_images)
    if not refused and 0 < fitted < chosen.batch_size:
        batch_slot.warning(
            t("train.batch_over_images", batch=f"{chosen.batch_size:,}", images=f"{fitted:,}"),
            icon="⚠️",
        )
    if refused:
        said = " · ".join(setting_text(problem) for problem in refused)
        refused_slot.warning(t("train.settings_refused", problems=said), icon="⚠️")
    address.keep(
        # What differs from the recipe a reload would start this network with.
        settings_form.address_values(chosen, RECIPES[made_with(choice)])
        | {networks.NAME_KEY: None if choice == usual else networks.address_name(choice)}
    )

    # One run, or (Sweep mode) the network and settings above as the base of a grid of runs:
    # one Start button either way.
    if sweep_views.mode_row(store, chosen, train_images):
        sweep_views.setup(store, spec, chosen, train_images)
        return  # a sweep's values stay out of the address: no link below promises them
    if st.button(
        t("train.start"),
        type="primary",
        icon=":material/play_arrow:",
        key="train_start",
        disabled=not summary.valid or bool(refused),
    ):
        run_name = (st.session_state.train_run_name or "").strip() or spec["name"]
        run_id = run_queue.queue_run(store, run_name, spec, chosen)
        if run_id is not None:
            address.write_and_hold("run", run_id)
            flash_and_rerun(t("train.queued", id=run_id))
    # The address bar also holds the run watched below (?run=7): copied from there, a teacher's
    # link sent the class to their own run number, which no student's studio has as theirs.
    with st.popover(t("train.share"), icon=":material/share:"):
        st.code(address.link(leave_out=("run",)), language=None, wrap_lines=True)
        st.caption(t("train.share_caption"))


if dataset is not None:
    with st.expander(t("train.new_run"), key=form_key(), on_change="rerun", icon=":material/tune:"):
        new_run_form(len(dataset.train_labels))

sweep_views.live(store, runs)  # the chosen sweep's runs growing together

# --- the run being watched ----------------------------------------------------------------------
if not runs:
    linked = st.query_params.get("run")
    if linked is not None:  # a link to a run of another studio, or of this one before a reset
        st.info(t("run.link_missing_none", linked=linked), icon="🔗")
    address.keep({"run": None})  # ...opens a plain page
    if dataset is not None:  # else the page has said what it waits for
        st.info(t("train.no_runs"), icon="👆")
    end_page()

watched = run_views.pick_run(runs, t("train.watch"), key="train_watch")
shown = next(run for run in runs if run.id == watched)
status_shown, active_now = shown.status, shown.active
TRAINING_NOW_ANCHOR = "training-now"  # the "Training now" list's heading, in every language
# Every few seconds, as the list it points to: drawn with the page alone, it went on saying
# "Training now: run #10, listed below" over no list once #10 had finished (review 103).
IDLE_REFRESH_SECONDS = 5.0


@st.fragment(run_every=IDLE_REFRESH_SECONDS)
@guarded("the Train page's line on other runs")
def training_others_line() -> None:
    """Said where the student looks first: the list of runs training now is at the foot of the
    page, under a finished run's results, and nothing up here said another run was training."""
    others = [f"#{run.id}" for run in store.list_runs(("running",)) if run.id != watched]
    if not others:
        return
    # "Also" beside a run that trains too: "Training now: run #8" under running #7 read as if
    # #7 were not.
    one = len(others) == 1
    if shown.status == "running":
        key = "train.also_training_one" if one else "train.also_training"
    else:
        key = "train.training_others_one" if one else "train.training_others"
    st.caption(t(key, runs=", ".join(others), anchor=TRAINING_NOW_ANCHOR))


training_others_line()


# Runs that ended before their last epoch: one button queues the same network and settings. (A
# finished run trained again with its seed gives the same result; the form changes settings.)
AGAIN_STATUSES = ("stopped", "failed", "interrupted", "cancelled")


def train_again(run) -> None:
    """A button that queues ``run``'s network with its settings as a new run, and shows it."""
    if st.button(
        t("train.again"),
        icon=":material/replay:",
        key=f"again_{run.id}",
        help=t("train.again_help"),
    ):
        run_id = run_queue.queue_run(store, run.name, run.spec, TrainConfig.from_dict(run.config))
        if run_id is not None:
            address.write_and_hold("run", run_id)
            flash_and_rerun(t("train.queued", id=run_id))


def progress_text(run, state: progress.Progress) -> str:
    """The progress bar's words: where the run is, or what it waits for (never "epoch 0 of 5 ·
    batch 0 of 0", which a run shows until the worker has built the network)."""
    if run.status == "queued":
        ahead, training = store.queue_place(run.id)
        if ahead:
            return t(
                "train.progress_queued_one" if ahead == 1 else "train.progress_queued", count=ahead
            )
        return t("train.progress_queued_next" if training else "train.progress_queued_worker")
    if not state.batches_per_epoch:
        return t("train.progress_starting")
    if state.fraction >= 1:  # as "Time left" says "testing…"
        return t("train.progress_testing")
    return t(
        "train.progress",
        epoch=state.epoch,
        epochs=state.planned_epochs,
        batch=state.batch,
        batches=state.batches_per_epoch,
    )


STOP_SAID = "train_stop_said"  # what the last Stop or Cancel did, said once by the view


def stop_run(run_id: int) -> None:
    """Stop ``run_id`` after its batch, or take it off the queue when it has not started (a
    button's callback; the view then says which happened)."""
    store.request_stop(run_id)
    run = store.get_run(run_id)  # None when deleted meanwhile: the view then says it is gone
    cancelled = run is not None and run.status == "cancelled"  # left the queue, nothing stops
    st.session_state[STOP_SAID] = (
        t("train.cancel_sent", id=run_id) if cancelled else t("train.stop_sent")
    )


@st.fragment(run_every=REFRESH_SECONDS if active_now else None)
@guarded("the Train page's live run")
def live_view(run_id: int) -> None:
    run = store.get_run(run_id)
    if run is None:
        st.warning(t("train.gone"))
        return
    if run.status == "running":
        store.mark_interrupted()
        run = store.get_run(run_id)
    if run.status != status_shown:
        # Queued -> running -> finished: the run picker and the queue above this view were drawn
        # with the old status, so the whole page is drawn again (it then refreshes no more once
        # the run has ended).
        st.rerun(scope="app")
    if STOP_SAID in st.session_state:
        st.toast(st.session_state.pop(STOP_SAID))
    epochs = store.epochs(run_id)
    state = progress.estimate(run, epochs)
    run_views.status_line(run, state, epochs)
    if run.active:
        st.progress(
            state.fraction,
            text=progress_text(run, state),
        )
        # A callback, carried out before the view reads the run again: read in the view, a
        # Cancel pressed as the worker took the run was dropped by the redraw its new status
        # causes, and the run trained to the end.
        st.button(
            t("train.stop") if run.status == "running" else t("train.cancel"),
            icon=":material/stop:",
            key=f"stop_{run_id}",
            on_click=stop_run,
            args=(run_id,),
        )
    run_views.curves(run, epochs)
    if not run.active and active_now:
        st.rerun()  # the run just ended: redraw the whole page once, without the timer
    if run.status == "finished":
        run_views.test_results(run, store.run_dir(run_id, create=False))
    elif not run.active:
        # Any run as a script, as "any run exports as plain Keras" promises (it trains from
        # scratch); a stopped run also keeps the partial model its notice speaks of.
        with st.container(horizontal=True):
            if run.status == "stopped":
                model = store.model_path(run_id)
                run_views.model_download(run, model, key=f"download_model_{run_id}")
            run_views.script_download(run, key=f"download_script_{run_id}")
    if run.status in AGAIN_STATUSES:
        train_again(run)


live_view(watched)

# What the run was trained with, for a run opened by its address or picked from the list: the
# run's name says the network only, and Compare lists settings only beside a second run.
with st.expander(t("train.run_settings", id=shown.id), icon=":material/list_alt:"):
    run_settings.settings_table(shown)


def use_in_form(run) -> None:
    """The New run form set to ``run``'s network and settings, to change some and train again (a
    button's callback). The network is the preset or saved network with its layers, else the
    run's own, handed over as the Architecture page hands one; a setting no widget shows (a
    command line's learning rate 0.004) is said and left as it was."""

    decide_form(True)  # open, to be changed
    same = networks.choice_with_layers(store, run.spec)
    if same:
        st.session_state[networks.TRAIN_CHOICE_KEY] = same
    else:
        networks.hand_over({**run.spec, "name": run.architecture}, from_run=run.id)
    # Settings this studio knows (a run recorded by another version may hold others).
    known = {name: value for name, value in run.config.items() if name in SETTINGS}
    left_out = settings_form.fill_from_run(TrainConfig(**known), len(dataset.train_labels))
    # A toast: the button sits at the bottom of the run, far below the page's top.
    st.toast(t("train.form_from_run", id=run.id), icon="✅")
    if left_out:  # kept at the top of the form's page until read
        problems = " · ".join(setting_text(problem) for problem in left_out)
        flash(t("train.run_unusable_settings", id=run.id, problems=problems))


if not shown.active and dataset is not None:  # the form it fills needs the data
    st.button(
        t("train.edit_again"),
        icon=":material/tune:",
        key=f"edit_again_{shown.id}",
        help=t("train.edit_again_help"),
        on_click=use_in_form,
        args=(shown,),
    )

# The queue is read afresh on each of its own refreshes, not from the page's last full draw: a
# page left on a run that had ended kept listing a run another tab had cancelled, or a worker
# had long since trained, and never showed one queued from another browser. Every second while
# runs move, else every few seconds (IDLE_REFRESH_SECONDS), for a run queued elsewhere.


@st.fragment(run_every=REFRESH_SECONDS if queued or active_now else IDLE_REFRESH_SECONDS)
@guarded("the Train page's queue")
def queue_view() -> None:
    if STOP_SAID in st.session_state:  # a Cancel below reruns this alone, not the live view
        st.toast(st.session_state.pop(STOP_SAID))
    waiting = store.list_runs(("queued",))
    if waiting and not worker_running(store.home):
        # Its worker left (idle, killed) while the page stayed open: a run queued meanwhile
        # waited for a reload, under a line promising a worker "in a few seconds".
        ensure_worker(store.home)
    if st.session_state.pop(SHOW_ASKED, False):
        st.rerun(scope="app")  # the run picker and the live view above are the whole page's
    training_elsewhere()
    if not waiting:
        return
    st.subheader(t("train.queue"))
    for run in reversed(waiting):
        name_column, cancel_column = st.columns([4, 1], vertical_alignment="center")
        epochs = epochs_text(run.epochs_planned)
        name_column.write(t("train.queue_item", id=run.id, name=listed_name(run), epochs=epochs))
        # A callback, as the Stop above: read in the page, a click as the watched run changed
        # status was dropped by the live view's redraw, and the run trained.
        cancel_column.button(
            t("train.cancel"), key=f"cancel_{run.id}", on_click=stop_run, args=(run.id,)
        )


def listed_name(run) -> str:
    """A run's name in the lists below, with its network's when its name does not say it (a
    sweep's run named "lecture-2 pool+dropout · Learning rate 0.001" already does)."""
    return run.name if run.architecture in run.name else f"{run.name} · {run.architecture}"


def training_elsewhere() -> None:
    """The runs training now besides the one shown, each with a button that shows it: a run
    queued from another tab or browser left the queue below when it started, and the run
    picker, drawn before it started, did not list it until a reload."""
    others = [run for run in store.list_runs(("running",)) if run.id != watched]
    if not others:
        return
    st.subheader(t("train.training_now"), anchor=TRAINING_NOW_ANCHOR)
    epochs = store.epochs_of([run.id for run in others])  # one query each refresh, not one a run
    for run in others:
        name_column, show_column = st.columns([4, 1], vertical_alignment="center")
        said = t(
            "train.training_item",
            id=run.id,
            name=listed_name(run),
            done=len(epochs[run.id]),
            epochs=epochs_text(run.epochs_planned),  # "0 of 1 epoch done", not "of 1 epochs"
        )
        name_column.write(said)
        show_column.button(
            t("train.show_run"), key=f"show_{run.id}", on_click=show_run, args=(run.id,)
        )


SHOW_ASKED = "train_show_asked"  # a Show pressed in the list: the whole page shows that run


def show_run(run_id: int) -> None:
    """Show ``run_id`` above (a callback: it holds even when the run ended as it was pressed,
    which took its button out of the list's next draw)."""
    address.write_and_hold("run", run_id)
    st.session_state[SHOW_ASKED] = True


queue_view()

"""fmnist_core.network_links: a network in a page's address survives the trip, or says why not."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from fmnist_core import architectures, network_links


def pack(text: str) -> str:
    return base64.urlsafe_b64encode(zlib.compress(text.encode())).decode().rstrip("=")


@pytest.mark.parametrize("key", list(architectures.PRESETS))
def test_every_preset_comes_back_with_where_it_came_from(key):
    spec = architectures.preset(key)
    link = network_links.to_link(spec, f"preset:{key}")
    linked = network_links.from_link(link)
    assert linked.origin == f"preset:{key}" and linked.spec["name"] == spec["name"]
    assert linked.spec["layers"] == [architectures.complete_layer(x) for x in spec["layers"]]
    # Short enough for any address bar, and plain: nothing a URL would have to escape.
    assert len(link) < 600 and set(link) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )


def test_an_edit_keeps_its_settings_and_a_korean_name():
    spec = architectures.preset("lecture-2") | {"name": "내 네트워크"}
    spec["layers"][0] = {**spec["layers"][0], "filters": 24, "kernel_size": 5}
    linked = network_links.from_link(network_links.to_link(spec))
    assert linked.origin is None and linked.spec["name"] == "내 네트워크"
    assert architectures.summarise(linked.spec).total_params == (
        architectures.summarise(spec).total_params
    )


@pytest.mark.parametrize(
    ("link", "said"),
    [
        ("", "holds no network"),
        ("abc", "damaged"),
        ("x" * 30_000, "more than the 20,000"),
        (pack('{"layers": [{"type": "Conv2D"}]}')[:-8], "cut off"),
        (pack("[1, 2, 3]"), "must be an object"),
        (pack('{"layers": [{"type": "Transformer"}]}'), "unknown layer type"),
        (pack(json.dumps({"layers": [{"type": "Flatten"}]}) + " " * 300_000), "too much text"),
    ],
)
def test_a_damaged_cut_off_or_foreign_address_says_what_is_wrong(link, said):
    with pytest.raises(architectures.ArchitectureError, match=said):
        network_links.from_link(link)


@pytest.mark.parametrize(
    ("typed", "read_back"),
    [
        ("A" * 80, "A" * 59 + "…"),
        ("(my net)", "my net)"),
        ("two\nlines", "twolines"),
        ("   ", "network"),
    ],
)
def test_a_link_stays_readable_whatever_name_was_typed(typed, read_back):
    spec = {**architectures.preset("lecture-2"), "name": typed}
    linked = network_links.from_link(network_links.to_link(spec))
    assert linked.spec["name"] == read_back
    assert linked.spec["layers"] == architectures.preset("lecture-2")["layers"]  # nothing lost

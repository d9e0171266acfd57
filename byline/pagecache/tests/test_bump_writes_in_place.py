"""A bump overwrites the generation file in place: a rename over it waits for ext4 to flush
the new file (1-5 ms), and every comment and like bumps inside its write transaction (#8)."""

from __future__ import annotations

import os

from byline.pagecache.store import FileStore


def test_a_bump_keeps_the_file_and_changes_its_token(tmp_path):
    store = FileStore(str(tmp_path))
    store.bump(["alice"])  # the first bump makes the file
    first, inode = store.generation("alice"), os.stat(store.gens / "alice").st_ino
    store.bump(["alice"])
    assert store.generation("alice") not in ("", first)
    assert len(store.generation("alice")) == len(first)
    assert os.stat(store.gens / "alice").st_ino == inode  # written in place, not renamed over


def test_a_file_of_another_length_is_replaced_whole(tmp_path):
    store = FileStore(str(tmp_path))
    store.gens.mkdir(parents=True)
    (store.gens / "alice").write_text("an older, longer generation token")
    store.bump(["alice"])
    assert len(store.generation("alice")) == 16

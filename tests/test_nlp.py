"""The parser's backend: a long text is parsed in pieces that join back into one document."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinkuy.nlp import PIECE_CHARS, text_pieces

TEXTS = st.text(st.sampled_from("ab \n\r."), max_size=400)


@given(text=TEXTS, most=st.integers(1, 50))
def test_pieces_join_back_into_the_text_and_none_is_longer_than_asked(text, most):
    pieces = list(text_pieces(text, most))
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= most for piece in pieces) or pieces == [""]


def test_a_piece_holds_whole_lines_where_they_fit_and_cuts_a_long_line_after_a_space():
    assert list(text_pieces("one two\nthree\n", 9)) == ["one two\n", "three\n"]
    assert list(text_pieces("aaaa bbbb cccc", 10)) == ["aaaa bbbb ", "cccc"]
    assert list(text_pieces("abcdefghij", 4)) == ["abcd", "efgh", "ij"]


@pytest.mark.model
@pytest.mark.slow
def test_a_long_text_is_parsed_in_pieces_into_one_document(parser):
    line = "The minister met the ambassador in Quito on Monday, officials said."
    paragraphs = [" ".join([line] * 20) for _ in range(3 * PIECE_CHARS // (21 * len(line)))]
    text = "\n\n".join(paragraphs)
    (doc,) = parser.pipe([text])
    assert doc.text == text and len(text) > 2 * PIECE_CHARS
    assert sum(1 for token in doc if token.lemma_ == "meet") == 20 * len(paragraphs)
    starts = {sentence.start_char for sentence in doc.sents}
    assert all(text.index(paragraph) in starts for paragraph in paragraphs)
    (short,) = parser.pipe([paragraphs[0]])
    assert [t.dep_ for t in short] == [t.dep_ for t in doc[: len(short)]]

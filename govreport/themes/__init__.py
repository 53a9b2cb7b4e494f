"""Policy themes: which policy areas the report spends its words on.

A curated taxonomy (``data/lexicon/themes.yml``) gives ten policy themes, each with weighted indicative
keywords. Every sentence is scored by the keywords found among its tokens; its primary theme is the
best-scoring one if the score reaches ``min_score``, else ``unclassified`` (never forced). Sentences
then add up to blocks (points), sections and parts by characters and by count.

How a sentence is scored:

1. The report is cut into tokens once (the :class:`~govreport.document.Document`'s tokens, from the
   lexicon-aware :class:`govreport.tokens.Segmenter`).
   Punctuation and whitespace (``pos == "x"``) are dropped and every token is put in its canonical
   spelling (aliases merged). Stopwords are *not* dropped: keywords are matched, not counted.
2. Each keyword is cut by the same segmenter into a phrase of one or more tokens. Phrases are
   matched against the sentence's tokens left to right, the longest phrase first, without overlap,
   so 营商环境 counts once for ``business_env`` and not again as 环境 for ``ecology``. A keyword is
   never found inside a longer token: the report's quoted name “助力乡村振兴” (a basketball match)
   stays one token and does not count as 乡村振兴. One exception: a name the report uses, kept whole
   by the harvest (:func:`govreport.harvest.harvest_names`), counts as the longest keyword it ends with
   that is also a name suffix (``data/lexicon/name_parts.csv``): 莲香楼食品工业园 counts as 工业园,
   古东幼儿园 as 幼儿园 (:func:`~govreport.themes.classify.name_keywords`).
3. A theme's score is the sum of the weights of its matched keywords (weights 1-3, see
   ``data/lexicon/README_themes.md``). The primary theme is the highest score; ties go to the theme
   whose first keyword comes earlier in the sentence.

How sentences add up: a sentence's characters (not counting whitespace) and the sentence itself
count for its primary theme (``mode="primary"``), or are split among its themes in proportion to
their scores (``mode="split"``). A block's ``themes`` are its theme shares of characters, the
primary theme being the largest share among the ten themes (``unclassified`` only when no sentence
of the block has a theme).

References:
    Grimmer, J. & Stewart, B. M. (2013). Text as Data: The Promise and Pitfalls of Automatic Content
    Analysis Methods for Political Texts. Political Analysis 21(3), 267-297 (dictionary methods
    need validation against hand coding; here, against the report's own headings).
    Lee, D. D. & Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
    factorization. Nature 401, 788-791.

The package: :mod:`.taxonomy` (the themes and scoring a token sequence), :mod:`.classify` (sentences and
their sums) and :mod:`.checks` (agreement with the headings, keyword coverage, NMF topics).
"""
from __future__ import annotations

from .checks import (
                       Agreement,
                       TopicModel,
                       heading_agreement,
                       keyword_coverage,
                       nmf_topics,
                       topic_summary,
                       topic_theme_overlap,
)
from .classify import (
                       SENTENCE_COLUMNS,
                       TABLE_COLUMNS,
                       aggregate_themes,
                       block_themes,
                       classify_sentences,
                       name_keywords,
                       share_change,
                       strongest_sentences,
                       theme_matrix,
                       theme_shares,
                       themes_table,
                       unit_matrix,
)
from .taxonomy import (
                       HEADING_THEMES_FILE,
                       MIN_SCORE,
                       THEME_CODES,
                       THEMES,
                       THEMES_FILE,
                       UNCLASSIFIED,
                       Taxonomy,
                       Theme,
                       classify_text,
                       compile_keywords,
                       format_themes,
                       load_heading_themes,
                       load_taxonomy,
                       match_keywords,
                       parse_themes,
                       primary_theme,
                       score_terms,
)

__all__ = [
    "THEMES",
    "UNCLASSIFIED",
    "THEME_CODES",
    "MIN_SCORE",
    "THEMES_FILE",
    "HEADING_THEMES_FILE",
    "TABLE_COLUMNS",
    "SENTENCE_COLUMNS",
    "Theme",
    "Taxonomy",
    "Agreement",
    "TopicModel",
    "load_taxonomy",
    "load_heading_themes",
    "compile_keywords",
    "match_keywords",
    "score_terms",
    "primary_theme",
    "format_themes",
    "parse_themes",
    "classify_text",
    "classify_sentences",
    "name_keywords",
    "aggregate_themes",
    "theme_shares",
    "theme_matrix",
    "share_change",
    "unit_matrix",
    "block_themes",
    "themes_table",
    "strongest_sentences",
    "heading_agreement",
    "keyword_coverage",
    "nmf_topics",
    "topic_theme_overlap",
    "topic_summary",
]

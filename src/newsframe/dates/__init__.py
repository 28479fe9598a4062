"""Temporal expressions: find them, resolve them to calendar spans, spread them over a timeline.

A fast, rule-based and offline recogniser (compiled regular expressions, no model, nothing
downloaded) followed by a resolver that turns each expression into an inclusive calendar span
``date_start .. date_end`` against the publication date.

Recognised expressions
----------------------
* absolute dates: "January 17", "Jan. 17", "January 17th", "June 13, 2014", "17 January 2013",
  "the 7th of October", "2013-01-17", "1/17/2013"; a weekday glued to a date is ONE expression
  ("Thursday, January 17", "Sunday (Jan. 13)");
* months of a year ("March 1945", "mid-January 2013") and decades ("the 1950s", "the '90s");
* years ("2001", "in 1492"), but not street numbers ("1915 Moonlight Road"), flight or model
  numbers ("Flight 9525"), counts ("2000 troops"), money, times ("1800 GMT");
* bare weekdays ("on Sunday", "lands Sunday", "late Friday", "Friday's"), and
  "last / this / next <weekday>";
* today, yesterday, tomorrow, tonight, this morning / afternoon / evening, last night;
* last / this / next (and earlier / later this) week, weekend, month, year, and seasons;
  "over the weekend";
* "a week ago", "two days ago", "nine months ago", "Seventy years ago";
* bare months ("in July", "the July stoning", "until March", "last January", "early June")
  and seasons ("in the fall", "last summer", "summer of 2014").

Not dates (never emitted): durations ("a week", "weekslong", "three years", "the last year",
"the next month"), vague spans ("recent weeks", "in earlier times", "years ago", "the past
week", "now"), clock times, anaphora ("that same year", "the previous month"), words that
only look like dates ("we", "may" and "march" as verbs, "sun", "1st" in "1st victim"), names
("Fox News Sunday", "Black Friday", "Sunday Times", "August Wilson"), generic weekdays
("every Sunday", "a Sunday", "Sunday school"), generic "today" ("today's terrorists",
"Today, 140 states are abolitionist" after a contrast with the past), and bare months, seasons
and weekdays in a habitual clause ("the monsoon normally begins in July", "Every year, the
rains start in March"; see :meth:`~newsframe.dates.model.Hit.is_habitual`).

Resolution rules
----------------
Weeks run Monday to Sunday. ``P`` is the publication date.

1. An explicit date with a year is itself (anchor ``explicit``).
2. A date without a year takes P's year, or the previous year when that would put it after P,
   unless the wording says future (will, set to, scheduled, due, expected, plans, until,
   deadline, upcoming, a forecast in the passive before it: "is expected", "are forecast", "is
   predicted", a headline "X to do Y", an "-ing" verb just before it). When the
   weekday is given, the year among P's year and its neighbours whose calendar agrees with
   it wins. A year given earlier in the same line (paragraph or caption) anchors later
   yearless dates and bare months instead (anchor ``previous mention``), provided the result
   does not fall after P.
3. A bare weekday is the most recent such day on or before P, unless the tense says future
   (see 2; an immediately preceding past-tense verb such as "said" or "released" keeps it in
   the past, but not a participle after "is", "are" or "be": "will be held Friday"): then the
   first such day on or after P. "next Friday" is the first Friday
   strictly after P, "last Friday" the most recent strictly before, "this Friday" the Friday
   of P's week.
4. A bare weekday on a line that already gave an explicit weekday-date pair ("on Friday,
   January 11. ... declared ... on Friday") refers to that date's week (anchor
   ``previous mention``).
5. today / tonight / this morning = P; yesterday / last night = P - 1; tomorrow = P + 1.
6. last week = the previous Monday-Sunday week; this week = P's week; next week = the
   following one. Weekends are Saturday-Sunday of those weeks; "over the weekend" is the most
   recent weekend on or before P (the next one when the wording says future).
7. last / this / next month and year are calendar months and years ("earlier this month" is
   the whole current month).
8. "N days ago" and "N weeks ago" are single days (P - N, P - 7N); "N months ago" is a
   month; "N years ago" a year; "N decades ago" a decade.
9. A bare month is the most recent such month on or before P's month (the next one when the
   wording says future); "last July" is strictly before P's month, "next July" strictly after.
10. Seasons are meteorological: spring Mar-May, summer Jun-Aug, fall Sep-Nov, winter
    Dec-Feb (the winter of 2014 starts in December 2014). A bare season is the most recent one
    that has started by P (the next one when the wording says future).
11. Without a publication date, the year is inferred from weekday-date pairs ("Friday,
    January 11" and "Thursday, January 17") when exactly one year between 1900 and 2099 (the
    years the recogniser reads) agrees with every pair, after narrowing to the explicit years
    the text mentions. Yearless dates then take that year (anchor ``explicit``); weekdays tied
    to a pair on the same line are resolved by rule 4. Everything relative stays unresolved
    (``NaT``, anchor ``none``) and a warning names the article and the count. Nothing is
    guessed silently, and the clock is never read: an undated article gives the same dates
    whenever it is read.
12. A span that would leave the years 1..9999 (``datetime``'s range, and so the frame's) is
    left unresolved (``NaT``, anchor ``none``) and the warning says it is out of range:
    "300 decades ago", "next year" published 9999-12-31. Date arithmetic never raises: every
    resolver goes through :func:`~newsframe.dates.model.calendar_date` and
    :func:`~newsframe.dates.model.add_days`, which raise
    :class:`~newsframe.dates.model.OutOfRange`, caught in one place.

Modules
-------
* :mod:`~newsframe.dates.vocabulary`: word lists and numbers;
* :mod:`~newsframe.dates.patterns`: regular-expression building blocks;
* :mod:`~newsframe.dates.rules`: one :class:`~newsframe.dates.rules.Rule` per kind of
  expression (pattern, filters, resolver, granularity), in one ordered registry;
* :mod:`~newsframe.dates.recognition`: finds the hits;
* :mod:`~newsframe.dates.resolution`: a hit -> an inclusive calendar span (rules 1-10);
* :mod:`~newsframe.dates.years`: years not written in full, and the year of an undated article;
* :mod:`~newsframe.dates.extraction`: :func:`extract_dates`, the pipeline and the frame;
* :mod:`~newsframe.dates.density`: :func:`timeline_density`.
"""

from __future__ import annotations

from ..text import WEEKDAYS
from .density import DENSITY_COLUMNS, timeline_density
from .extraction import extract_dates

__all__ = ["DENSITY_COLUMNS", "WEEKDAYS", "extract_dates", "timeline_density"]

"""Writes the hand-annotated gold files (annotations are typed in by hand below;
this script only serialises them and checks surfaces/dates). No extraction."""
import json, datetime as dt, os
OUT = os.path.dirname(os.path.abspath(__file__))
RAW = "/work/main/data/raw/"
D = lambda s: s  # readability

def day(line, surf, d, g="day"): return (line, surf, d, d, g)
def span(line, surf, a, b, g): return (line, surf, a, b, g)

W13_PREV = ("2013-01-07", "2013-01-13"); W13_CUR = ("2013-01-14", "2013-01-20")
ART = {
 "000_0e20855109353e98": (RAW + "000_0e20855109353e98.txt", "2013-01-18", [
  day(1, "Thursday, January 17", "2013-01-17"), day(1, "January 11", "2013-01-11"),
  day(2, "January 17", "2013-01-17"),
  day(3, "Wednesday, January 16", "2013-01-16"),
  day(4, "January 16", "2013-01-16"),
  day(5, "Tuesday, January 15", "2013-01-15"),
  day(6, "Wednesday", "2013-01-16"), day(7, "Wednesday", "2013-01-16"), day(8, "Wednesday", "2013-01-16"),
  day(9, "Sunday, January 13", "2013-01-13"),
  *[day(n, "Sunday", "2013-01-13") for n in range(10, 17)],
  day(17, "Saturday, January 12", "2013-01-12"),
  day(18, "Saturday", "2013-01-12"),
  day(19, "Friday, January 11", "2013-01-11"), day(19, "Friday", "2013-01-11"),
  span(20, "last week", *W13_PREV, "week"),
  day(24, "Friday", "2013-01-18"),
  day(27, "January 10", "2013-01-10"), day(27, "a week ago", "2013-01-11"),
  span(35, "last year", "2012-01-01", "2012-12-31", "year"),
  span(37, "last week", *W13_PREV, "week"),
  span(43, "this week", *W13_CUR, "week"),
  span(45, "this weekend", "2013-01-19", "2013-01-20", "weekend"),
  span(47, "July", "2012-07-01", "2012-07-31", "month"),
  span(50, "Last year", "2012-01-01", "2012-12-31", "year"),
 ]),
 "0d43b97000ff852282c89d8d105e41495c0ee9bd": (RAW + "cnn-stories/0d43b97000ff852282c89d8d105e41495c0ee9bd.story", "2007-09-01", [
  day(1, "Saturday", "2007-09-01"),
  day(3, "Tuesday", "2007-08-28"),
  day(9, "Saturday", "2007-09-01"),
  day(11, "Last night", "2007-08-31"),
  day(21, "Friday", "2007-08-31"),
  day(27, "Saturday", "2007-09-01"),
  day(29, "Friday", "2007-08-31"),
  day(31, "Saturday", "2007-09-01"),
  day(35, "August 6", "2007-08-06"),
  span(39, "last week", "2007-08-20", "2007-08-26", "week"),
  day(45, "Thursday", "2007-08-30"),
  day(47, "Friday", "2007-08-31"),
  day(53, "last Saturday", "2007-08-25"),
  day(69, "August 6", "2007-08-06"),
 ]),
 "7fe70cc8b12fab2d0a258fababf7d9c6b5e1262a": (RAW + "cnn-stories/7fe70cc8b12fab2d0a258fababf7d9c6b5e1262a.story", "2007-08-24", [
  day(1, "Friday", "2007-08-24"),
  day(3, "Monday", "2007-08-27"),
  day(11, "Friday", "2007-08-24"),
  span(17, "2004", "2004-01-01", "2004-12-31", "year"),
  span(35, "April", "2007-04-01", "2007-04-30", "month"),
  day(41, "Monday", "2007-08-27"),
  day(47, "Friday", "2007-08-24"),
  day(59, "Thursday", "2007-08-23"),
  span(63, "last month", "2007-07-01", "2007-07-31", "month"),
  day(65, "Monday", "2007-08-20"),
  day(83, "Monday", "2007-08-27"),
 ]),
 "469c6ac05092ca5997728c9dfc19f9ab6b936e40": (RAW + "cnn-stories/469c6ac05092ca5997728c9dfc19f9ab6b936e40.story", "2015-04-01", [
  day(1, "Wednesday", "2015-04-01"),
  day(35, "Tuesday", "2015-03-31"),
  span(35, "last week", "2015-03-23", "2015-03-29", "week"),
  span(37, "2009", "2009-01-01", "2009-12-31", "year"),
  day(37, "Tuesday", "2015-03-31"),
  day(43, "Tuesday", "2015-03-31"),
  day(45, "Wednesday", "2015-04-01"),
  day(49, "Tuesday", "2015-03-31"),
  day(51, "Tuesday", "2015-03-31"),
  day(53, "Wednesday", "2015-04-01"),
  day(61, "Tuesday", "2015-03-31"),
  day(67, "Tuesday", "2015-03-31"),
 ]),
 "a1ebb8bb4d370a1fdf28769206d572be60642d70": (RAW + "cnn-stories/a1ebb8bb4d370a1fdf28769206d572be60642d70.story", "2007-08-24", [
  day(1, "Friday", "2007-08-24"),
  day(3, "Friday", "2007-08-24"),
  day(5, "next Friday", "2007-08-31"),
  day(15, "January 15", "2007-01-15"),
  day(17, "Wednesday", "2007-08-22"),
  span(37, "January", "2007-01-01", "2007-01-31", "month"),
 ]),
 "017d27d00eb43678c15cb4a8dd4723a035323219": (RAW + "cnn-stories/017d27d00eb43678c15cb4a8dd4723a035323219.story", "2007-08-21", [
  day(3, "Tuesday", "2007-08-21"),
  day(5, "Wednesday", "2007-08-22"), day(5, "Tuesday", "2007-08-21"),
  day(15, "Tuesday", "2007-08-21"),
  span(17, "the fall", "2007-09-01", "2007-11-30", "season"),
  span(19, "next week", "2007-08-27", "2007-09-02", "week"),
  span(21, "September", "2007-09-01", "2007-09-30", "month"),
  span(25, "Earlier this month", "2007-08-01", "2007-08-31", "month"),
  day(27, "Wednesday", "2007-08-22"),
  span(27, "next week", "2007-08-27", "2007-09-02", "week"),
  day(33, "Wednesday", "2007-08-22"),
  span(33, "1950s", "1950-01-01", "1959-12-31", "decade"),
  day(43, "Wednesday", "2007-08-22"),
 ]),
 "203886369feea77bbc35715e6d7e518b751f57de": (RAW + "cnn-stories/203886369feea77bbc35715e6d7e518b751f57de.story", "2015-04-01", [
  span(1, "Seventy years ago", "1945-01-01", "1945-12-31", "year"),
  day(3, "March 31, 1945", "1945-03-31"),
  span(7, "March 1945", "1945-03-01", "1945-03-31", "month"),
  span(9, "1944", "1944-01-01", "1944-12-31", "year"),
  span(17, "December 1944", "1944-12-01", "1944-12-31", "month"),
  span(27, "March", "1945-03-01", "1945-03-31", "month"),
  day(27, "February 7", "1945-02-07"),
  span(49, "February 1945", "1945-02-01", "1945-02-28", "month"),
 ]),
}

GRAN = {"day", "weekend", "week", "month", "year", "decade", "season"}
total = 0
for stem, (path, pub, ms) in ART.items():
    lines = open(path, encoding="utf-8").read().split("\n")
    used = {}  # (line, surface) -> search start, to order repeated surfaces
    rows = []
    for (ln, s, a, b, g) in ms:
        text = lines[ln - 1]
        start = used.get((ln, s), 0)
        pos = text.find(s, start)
        assert pos >= 0, (stem, ln, s)
        used[(ln, s)] = pos + 1
        assert dt.date.fromisoformat(a) <= dt.date.fromisoformat(b), (stem, ln, s)
        assert g in GRAN
        rows.append(((ln, pos), {"line": ln, "surface": s, "date_start": a, "date_end": b, "granularity": g}))
    order = [r for _, r in rows]
    assert order == [r for _, r in sorted(rows, key=lambda x: x[0])], f"reading order {stem}"
    doc = {"article": stem, "published": pub, "mentions": order}
    fn = os.path.join(OUT, stem + ".json")
    with open(fn, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False); f.write("\n")
    total += len(order)
    print(f"{stem}: {len(order)} mentions")
print("total", total)

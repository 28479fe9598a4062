import json, glob, os, datetime as dt, collections
RAW = {"000_0e20855109353e98": "/work/main/data/raw/000_0e20855109353e98.txt"}
WD = ["Monday","Tuesday","Wednesday","Thursday","Friday","Saturday","Sunday"]
ok = True
for fn in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "*.json"))):
    doc = json.load(open(fn, encoding="utf-8"))
    stem = doc["article"]; assert os.path.basename(fn) == stem + ".json"
    path = RAW.get(stem, f"/work/main/data/raw/cnn-stories/{stem}.story")
    lines = open(path, encoding="utf-8").read().split("\n")
    dt.date.fromisoformat(doc["published"])
    cnt = collections.Counter(); prev = 0
    for m in doc["mentions"]:
        assert set(m) == {"line","surface","date_start","date_end","granularity"}, m
        assert m["line"] >= prev; prev = m["line"]
        line = lines[m["line"]-1]
        cnt[(m["line"], m["surface"])] += 1
        if m["surface"] not in line: print("SURFACE MISSING", stem, m); ok = False
        a, b = dt.date.fromisoformat(m["date_start"]), dt.date.fromisoformat(m["date_end"])
        if a > b: print("BAD RANGE", stem, m); ok = False
        for i, w in enumerate(WD):
            if w in m["surface"] and m["granularity"] == "day" and a.weekday() != i:
                print("WEEKDAY MISMATCH", stem, m); ok = False
    for (ln, s), n in cnt.items():
        if lines[ln-1].count(s) < n: print("TOO FEW OCCURRENCES", stem, ln, s); ok = False
    print(stem, doc["published"], len(doc["mentions"]))
print("OK" if ok else "FAILED")

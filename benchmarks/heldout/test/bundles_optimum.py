#!/usr/bin/env python3
"""Compute the optimum of every bundle goal in bundles.json.

Rules (see WRITER_BRIEF.md): an entry covers the competencies it references in
requires -> targetCompetency or teaches. Skills covered by held entries need no cover.
Eligible entries: not held; an hours value (exactDuration in hours/minutes, or days at
8 h/day); a known CAD price (Tuition price, or the only price; fees excluded; price 0 ok);
taught_in -> inLanguage contains that language; online -> deliveryType:OnlineOnly.
Minimise total hours, then total cost, subject to max_hours / max_cost.
Solved twice: exhaustive enumeration (all optimal sets) and an ILP with
scipy.optimize.milp (lexicographic, two stages); the script asserts they agree.
Usage: python3 bundles_optimum.py [--omitted-language-as-fr] [--report]
"""
import json, glob, os, re, sys, itertools
from fractions import Fraction
import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds

D = os.path.dirname(os.path.abspath(__file__))
OMIT_AS_FR = "--omitted-language-as-fr" in sys.argv
REPORT = "--report" in sys.argv

def load_entries():
    out = {}
    for fn in sorted(glob.glob(os.path.join(D, "credentials*.json"))):
        for n in json.load(open(fn, encoding="utf-8"))["@graph"]:
            out[n["ceterms:ctid"]] = n
    return out

def covers(n):
    s = set()
    for cp in n.get("ceterms:requires", []):
        for a in cp.get("ceterms:targetCompetency", []):
            s.add(a["ceterms:targetNode"])
    for a in n.get("ceterms:teaches", []):
        s.add(a["ceterms:targetNode"])
    return s

def hours(n):
    for p in n.get("ceterms:estimatedDuration", []):
        v = p.get("ceterms:exactDuration")
        if not v: continue
        m = re.fullmatch(r"PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+)M)?", v)
        if m and (m.group(1) or m.group(2)):
            return Fraction(m.group(1) or 0) + Fraction(int(m.group(2) or 0), 60)
        m = re.fullmatch(r"P(\d+)D", v)
        if m:
            return Fraction(int(m.group(1)) * 8)
    return None

CAD = {"cad", "canadian dollar", "canadian dollars", "$ca"}
def cost(n):
    ps = n.get("ceterms:estimatedCost", [])
    if not ps: return None
    tuition = [p for p in ps if p.get("ceterms:directCostType", {}).get("ceterms:targetNode") == "costType:Tuition"]
    chosen = tuition[0] if tuition else (ps[0] if len(ps) == 1 else None)
    if chosen is None or str(chosen.get("ceterms:currency", "")).strip().lower() not in CAD: return None
    return Fraction(str(chosen["ceterms:price"]))

def languages(n):
    v = n.get("ceterms:inLanguage")
    if v is None:
        return {"fr"} if OMIT_AS_FR else set()
    if isinstance(v, str): v = [v]
    out = set()
    for x in v:
        x = x.strip().lower()
        if x.startswith("en") or x in ("english", "anglais"): out.add("en")
        if x.startswith("fr") or x in ("french", "français", "francais"): out.add("fr")
    return out

def online(n):
    return any(a.get("ceterms:targetNode") == "deliveryType:OnlineOnly" for a in n.get("ceterms:learningDeliveryType", []))

def solve(b, entries):
    lim = b["limits"]
    held = set(b["held"])
    held_sk = set().union(*[covers(entries[h]) for h in held]) if held else set()
    need = [s for s in b["skills"] if s not in held_sk]
    elig = {}
    for c, n in entries.items():
        if c in held: continue
        h, p = hours(n), cost(n)
        if h is None or p is None: continue
        if lim.get("taught_in") and lim["taught_in"] not in languages(n): continue
        if lim.get("online") and not online(n): continue
        cv = covers(n) & set(need)
        if cv: elig[c] = (h, p, cv)
    coverable = set().union(*[v[2] for v in elig.values()]) if elig else set()
    uncov = [s for s in need if s not in coverable]
    target = [s for s in need if s in coverable]
    cands = sorted(elig)
    mh = lim.get("max_hours"); mc = lim.get("max_cost")
    # ---- exhaustive enumeration (with pruning on a sorted search) ----
    best = None; sets = []
    tset = set(target)
    def rec2(chosen, cov, H, C, banned):
        nonlocal best, sets
        if mh is not None and H > mh: return
        if mc is not None and C > mc: return
        if best is not None and (H, C) > best: return
        if cov >= tset:
            k = sorted(chosen)
            if best is None or (H, C) < best: best = (H, C); sets = [k]
            elif (H, C) == best and k not in sets: sets.append(k)
            return
        s = min(tset - cov, key=lambda x: target.index(x))
        opts = [c for c in cands if s in elig[c][2] and c not in chosen and c not in banned]
        for idx, c in enumerate(opts):
            h, p, cv = elig[c]
            rec2(chosen + [c], cov | cv, H + h, C + p, banned | frozenset(opts[:idx]))
    rec2([], set(), Fraction(0), Fraction(0), frozenset())
    # ---- ILP (two-stage lexicographic) ----
    ilp = None
    if target:
        n = len(cands)
        A = np.array([[1 if s in elig[c][2] else 0 for c in cands] for s in target], dtype=float)
        hv = np.array([float(elig[c][0]) for c in cands]); cv_ = np.array([float(elig[c][1]) for c in cands])
        cons = [LinearConstraint(A, lb=np.ones(len(target)), ub=np.inf)]
        if mh is not None: cons.append(LinearConstraint(hv.reshape(1, -1), ub=mh + 1e-6))
        if mc is not None: cons.append(LinearConstraint(cv_.reshape(1, -1), ub=mc + 1e-6))
        r1 = milp(hv, constraints=cons, integrality=np.ones(n), bounds=Bounds(0, 1))
        if r1.status == 0:
            cons2 = cons + [LinearConstraint(hv.reshape(1, -1), ub=r1.fun + 1e-6)]
            r2 = milp(cv_, constraints=cons2, integrality=np.ones(n), bounds=Bounds(0, 1))
            ilp = (round(r1.fun, 4), round(r2.fun, 4))
    if best is not None and target:
        assert ilp is not None and abs(ilp[0] - float(best[0])) < 1e-4 and abs(ilp[1] - float(best[1])) < 1e-4, (b["id"], ilp, best)
    elif target:
        assert ilp is None, (b["id"], ilp)
    if not target:
        best, sets = (Fraction(0), Fraction(0)), [[]]
    res = {"feasible": not uncov and best is not None, "uncoverable": uncov,
           "optimal_hours": None if best is None else float(best[0]),
           "optimal_cost": None if best is None else float(best[1]),
           "optimal_sets": sets}
    # diagnostics: greedy by cost per newly covered skill, and by hours per newly covered skill
    diag = {"n_candidates": len(cands), "needed": len(need)}
    for nm, f in (("greedy_cost", lambda c: (elig[c][1], elig[c][0])), ("greedy_hours", lambda c: (elig[c][0], elig[c][1]))):
        cov = set(); pick = []
        while cov < tset:
            c = min((c for c in cands if elig[c][2] - cov), key=lambda c: (f(c)[0] / len(elig[c][2] - cov), f(c)[1] / len(elig[c][2] - cov), c))
            pick.append(c); cov |= elig[c][2]
        diag[nm] = (float(sum(elig[c][0] for c in pick)), float(sum(elig[c][1] for c in pick)), sorted(pick) in sets)
    return res, diag

def main():
    entries = load_entries()
    bundles = json.load(open(os.path.join(D, "bundles.json"), encoding="utf-8"))
    out, diags = {}, {}
    for b in bundles:
        out[b["id"]], diags[b["id"]] = solve(b, entries)
    if REPORT:
        for k in out:
            print(k, json.dumps(out[k]["uncoverable"] and len(out[k]["uncoverable"])), out[k]["feasible"],
                  out[k]["optimal_hours"], out[k]["optimal_cost"], len(out[k]["optimal_sets"]), diags[k])
    if not OMIT_AS_FR:
        with open(os.path.join(D, "bundles_optimum.json"), "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
    else:
        json.dump(out, sys.stdout, indent=1)

if __name__ == "__main__":
    main()

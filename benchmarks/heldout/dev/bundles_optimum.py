#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Compute the optimal bundle for each goal in bundles.json, reading only the published JSON files.

Rules (from the writer brief):
 * an entry covers a competency when it references it in requires -> targetCompetency or in teaches;
 * skills covered by a held entry need no cover;
 * eligible entries: not held; have an hours value (exactDuration in hours/minutes, or days at 8 h/day;
   the first duration profile that yields hours is used, weeks/months/ranges give none);
   a known CAD price (currency "CAD" or "Canadian Dollar") or price 0; cost = the Tuition price, or the
   only price when there is a single cost profile (fees excluded); taught_in -> inLanguage contains that
   language (codes en*/fr* or names English/French/Français; missing inLanguage = unknown = not eligible);
   online -> learningDeliveryType contains deliveryType:OnlineOnly;
 * minimise total hours, then total cost, subject to max_hours / max_cost, covering every coverable skill;
 * skills no eligible entry covers are listed as uncoverable (goal infeasible) and the rest is optimised.
Two independent solvers are used: an ILP (scipy.optimize.milp / HiGHS) with no-good cuts to enumerate all
optimal sets, and exhaustive search over subsets of candidate entries. The script asserts they agree.
"""
import glob, json, os, re, sys, itertools
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

def load_entries():
    g = []
    for f in sorted(glob.glob(os.path.join(HERE, "credentials*.json"))):
        g += json.load(open(f, encoding="utf-8"))["@graph"]
    return {n["ceterms:ctid"]: n for n in g}

def as_list(v):
    if v is None: return []
    return v if isinstance(v, list) else [v]

def hours_of(n):
    for p in as_list(n.get("ceterms:estimatedDuration")):
        d = p.get("ceterms:exactDuration")
        if not d: continue
        m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?", d)
        if not m or not any(m.groups()): continue          # weeks / months / unparsable
        days, h, mins = (float(x) if x else 0.0 for x in m.groups())
        return days * 8 + h + mins / 60
    return None

CAD = {"cad", "canadian dollar", "canadian dollars"}
def cost_of(n):
    ps = as_list(n.get("ceterms:estimatedCost"))
    if not ps: return None
    def val(p):
        price = p.get("ceterms:price")
        if price is None: return None
        if float(price) == 0: return 0.0
        return float(price) if str(p.get("ceterms:currency", "")).strip().lower() in CAD else None
    tuition = [p for p in ps if (p.get("ceterms:directCostType") or {}).get("ceterms:targetNode") == "costType:Tuition"]
    if tuition: return val(tuition[0])
    if len(ps) == 1: return val(ps[0])
    return None

def langs_of(n):
    out = set()
    for v in as_list(n.get("ceterms:inLanguage")):
        v = str(v).strip().lower()
        if v.startswith("en") or v in ("english", "anglais"): out.add("en")
        if v.startswith("fr") or v in ("french", "français", "francais"): out.add("fr")
    return out

def online_of(n):
    return any(a.get("ceterms:targetNode") == "deliveryType:OnlineOnly" for a in as_list(n.get("ceterms:learningDeliveryType")))

def covers(n):
    s = set()
    for cp in as_list(n.get("ceterms:requires")):
        for a in as_list(cp.get("ceterms:targetCompetency")):
            s.add(a.get("ceterms:targetNode"))
    for a in as_list(n.get("ceterms:teaches")):
        s.add(a.get("ceterms:targetNode"))
    s.discard(None)
    return s

def prepare(b, E):
    held = set(b.get("held") or [])
    held_cov = set().union(*[covers(E[h]) for h in held]) if held else set()
    need = [s for s in b["skills"] if s not in held_cov]
    L = b.get("limits") or {}
    elig = {}
    for ctid, n in E.items():
        if ctid in held: continue
        h, c = hours_of(n), cost_of(n)
        if h is None or c is None: continue
        if L.get("taught_in") and L["taught_in"] not in langs_of(n): continue
        if L.get("online") and not online_of(n): continue
        cv = covers(n) & set(need)
        if cv: elig[ctid] = (h, c, cv)
    coverable = set().union(*[v[2] for v in elig.values()]) if elig else set()
    unc = [s for s in need if s not in coverable]
    target = [s for s in need if s in coverable]
    return elig, target, unc, L

def exhaustive(elig, target, L):
    ids = sorted(elig)
    best, sets = None, []
    T = set(target)
    for r in range(0, len(ids) + 1):
        for combo in itertools.combinations(ids, r):
            cov = set().union(*[elig[i][2] for i in combo]) if combo else set()
            if not T <= cov: continue
            h = round(sum(elig[i][0] for i in combo), 6); c = round(sum(elig[i][1] for i in combo), 6)
            if L.get("max_hours") is not None and h > L["max_hours"] + 1e-9: continue
            if L.get("max_cost") is not None and c > L["max_cost"] + 1e-9: continue
            key = (h, c)
            if best is None or key < best: best, sets = key, [sorted(combo)]
            elif key == best: sets.append(sorted(combo))
    return best, sorted(sets)

def ilp(elig, target, L):
    from scipy.optimize import milp, LinearConstraint, Bounds
    ids = sorted(elig)
    n = len(ids)
    if not target: return (0.0, 0.0), [[]]
    H = np.array([round(elig[i][0] * 60) for i in ids], float)   # minutes (integers)
    C = np.array([round(elig[i][1] * 100) for i in ids], float)  # cents (integers)
    A = np.array([[1.0 if s in elig[i][2] else 0.0 for i in ids] for s in target])
    base = [LinearConstraint(A, lb=np.ones(len(target)), ub=np.inf)]
    if L.get("max_hours") is not None: base.append(LinearConstraint(H[None, :], ub=round(L["max_hours"] * 60)))
    if L.get("max_cost") is not None: base.append(LinearConstraint(C[None, :], ub=round(L["max_cost"] * 100)))
    opts = {"mip_rel_gap": 0, "presolve": True}
    integ, bnd = np.ones(n), Bounds(0, 1)
    r1 = milp(H, constraints=base, integrality=integ, bounds=bnd, options=opts)
    if r1.status != 0: return None, []
    hmin = round(r1.fun)
    cons = base + [LinearConstraint(H[None, :], ub=hmin)]
    r2 = milp(C, constraints=cons, integrality=integ, bounds=bnd, options=opts)
    cmin = round(r2.fun)
    cons = cons + [LinearConstraint(C[None, :], ub=cmin)]
    sets = []
    while True:
        r = milp(np.zeros(n), constraints=cons, integrality=integ, bounds=bnd, options=opts)
        if r.status != 0: break
        x = np.round(r.x).astype(int)
        S = [ids[i] for i in range(n) if x[i] == 1]
        sets.append(sorted(S))
        row = np.array([1.0 if x[i] else -1.0 for i in range(n)])
        cons = cons + [LinearConstraint(row[None, :], ub=x.sum() - 1)]
        if len(sets) > 200: break
    return (hmin / 60, cmin / 100), sorted(sets)

def main():
    E = load_entries()
    B = json.load(open(os.path.join(HERE, "bundles.json"), encoding="utf-8"))
    out = {}
    for b in B:
        elig, target, unc, L = prepare(b, E)
        best_x, sets_x = exhaustive(elig, target, L)
        best_i, sets_i = ilp(elig, target, L)
        if best_x is None:
            assert best_i is None, b["id"]
        else:
            assert abs(best_x[0] - best_i[0]) < 1e-6 and abs(best_x[1] - best_i[1]) < 1e-6, (b["id"], best_x, best_i)
            assert sets_x == sets_i, (b["id"], sets_x, sets_i)
        out[b["id"]] = {"feasible": (not unc) and best_x is not None,
                        "uncoverable": unc,
                        "optimal_hours": None if best_x is None else round(best_x[0], 2),
                        "optimal_cost": None if best_x is None else round(best_x[1], 2),
                        "optimal_sets": sets_x,
                        "n_candidates": len(elig)}
        print(b["id"], "feasible" if out[b["id"]]["feasible"] else "INFEASIBLE", "uncoverable=%d" % len(unc),
              "hours=%s cost=%s sets=%d candidates=%d (ILP and exhaustive agree)" % (
                  out[b["id"]]["optimal_hours"], out[b["id"]]["optimal_cost"], len(sets_x), len(elig)))
    with open(os.path.join(HERE, "bundles_optimum.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)

if __name__ == "__main__":
    main()

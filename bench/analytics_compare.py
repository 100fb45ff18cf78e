"""The hub's full set of comparisons in DuckDB and in pandas, on the same data.

Reads the hub's SQLite database (the standard library's sqlite3), writes the tables the
analytics use to Parquet (with DuckDB), loads them into memory for each engine, then
times the same work the Rust bench (hub/examples/analytics_bench.rs) times on its polars
frames: the distribution of each of the 20 Likert questions by country, theme scores by
country and role, the role gap, the Kruskal-Wallis country differences for every
question and theme, theme frequencies, theme co-occurrence, registry statistics and the
shares of the multiple-choice question. Both engines are limited to 2 threads. Loading
is not timed, as the hub's frames are already in memory when it answers.

Usage: python3 bench/analytics_compare.py HUB_DB PARQUET_DIR [RUNS]; prints JSON.
"""

import json
import math
import os
import sqlite3
import statistics
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "2")

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
from scipy.stats import chi2, t  # noqa: E402

QUESTIONS = [f"{p}{i}" for i in range(1, 6) for p in ("SU", "RT", "PB", "CR")]
TODAY = time.strftime("%Y-%m-%d")

EXTRACTS = {
    "answers": """SELECT a.respondent_id AS respondent, g.country_code AS country, r.role AS role,
                         q.code AS question, q.theme_code AS theme, q.kind AS kind, a.value AS value
                  FROM answer a JOIN respondent r ON r.id = a.respondent_id
                  JOIN region g ON g.id = r.region_id JOIN question q ON q.id = a.question_id""",
    "choices": """SELECT a.respondent_id AS respondent, g.country_code AS country, q.code AS question,
                         a.choices AS choices
                  FROM answer a JOIN respondent r ON r.id = a.respondent_id
                  JOIN region g ON g.id = r.region_id JOIN question q ON q.id = a.question_id
                  WHERE q.kind = 'MULTIPLE_CHOICE'""",
    "findings": """SELECT f.interview_id AS interview, g.country_code AS country, f.theme_code AS theme,
                          f.sub_code AS sub_code
                   FROM finding f JOIN interview i ON i.id = f.interview_id JOIN region g ON g.id = i.region_id""",
    "organisations": """SELECT g.country_code AS country, o.kind AS kind, o.status AS status,
                               o.closed_year AS closed_year, o.last_verified AS last_verified
                        FROM organisation o JOIN region g ON g.id = o.region_id""",
    "regions": "SELECT code, country_code AS country, population FROM region",
}


def export(db_path, out):
    os.makedirs(out, exist_ok=True)
    conn = sqlite3.connect(db_path)
    for name, sql in EXTRACTS.items():
        frame = pd.read_sql_query(sql, conn)
        if name == "choices":
            # One row per chosen option, as the hub's frames hold them.
            frame["option"] = frame["choices"].map(lambda c: json.loads(c) if c else [])
            frame = frame.explode("option").dropna(subset=["option"])[["respondent", "country", "question", "option"]]
        if name == "organisations":
            frame["last_verified"] = pd.to_datetime(frame["last_verified"])
        duckdb.from_df(frame).write_parquet(os.path.join(out, f"{name}.parquet"))
    conn.close()


def kruskal_from_counts(rows):
    """rows: (group, value, count). H with ties, df, p: the formula the hub uses."""
    groups = {}
    for g, _, c in rows:
        groups[g] = groups.get(g, 0) + c
    values = sorted({v for _, v, _ in rows})
    n = sum(groups.values())
    below, rank_of, ties = 0, {}, 0.0
    for v in values:
        tied = sum(c for _, vv, c in rows if vv == v)
        rank_of[v] = below + (tied + 1) / 2
        ties += tied**3 - tied
        below += tied
    sums = {}
    for g, v, c in rows:
        sums[g] = sums.get(g, 0.0) + rank_of[v] * c
    h = 12 / (n * (n + 1)) * sum(sums[g] ** 2 / groups[g] for g in groups) - 3 * (n + 1)
    h /= 1 - ties / (n**3 - n)
    df = len(groups) - 1
    return h, df, chi2.sf(h, df)


def mean_ci(n, mean, sd):
    half = t.ppf(0.975, n - 1) * sd / math.sqrt(n) if n > 1 else float("nan")
    return mean - half, mean + half


def duckdb_full_set(con):
    q = con.execute
    out = 0
    for code in QUESTIONS:
        out += len(q("SELECT country, value, count(*) FROM answers WHERE question = ? AND value IS NOT NULL GROUP BY 1, 2", [code]).fetchall())
    person = """SELECT respondent, country, role, theme, avg(value) AS score FROM answers
                WHERE kind = 'LIKERT' AND theme IS NOT NULL AND value IS NOT NULL GROUP BY 1, 2, 3, 4"""
    scores = q(f"SELECT country, role, theme, count(*), avg(score), stddev_samp(score) FROM ({person}) GROUP BY 1, 2, 3").fetchall()
    out += len([mean_ci(n, m, s or 0) for *_, n, m, s in scores])
    gap = q(f"SELECT country, role, theme, count(*), avg(score), var_samp(score) FROM ({person}) "
            "WHERE role IN ('MUNICIPAL_OFFICIAL', 'ORGANISATION_REPRESENTATIVE') GROUP BY 1, 2, 3").fetchall()
    out += len(gap)
    per_level = q("SELECT question, country, value, count(*) FROM answers WHERE kind = 'LIKERT' AND value IS NOT NULL GROUP BY 1, 2, 3").fetchall()
    for code in QUESTIONS:
        kruskal_from_counts([(c, v, n) for qq, c, v, n in per_level if qq == code])
        out += 1
    per_score = q(f"SELECT theme, country, score, count(*) FROM ({person}) GROUP BY 1, 2, 3").fetchall()
    for theme in {r[0] for r in per_score}:
        kruskal_from_counts([(c, v, n) for th, c, v, n in per_score if th == theme])
        out += 1
    out += len(q("SELECT country, theme, sub_code, count(*) FROM findings GROUP BY 1, 2, 3").fetchall())
    out += len(q("""WITH it AS (SELECT DISTINCT interview, theme FROM findings)
                    SELECT a.theme, b.theme, count(*) FROM it a JOIN it b ON a.interview = b.interview AND a.theme < b.theme
                    GROUP BY 1, 2""").fetchall())
    out += len(q(f"""SELECT country, status, kind, count(*),
                            sum(CASE WHEN last_verified >= TIMESTAMP '{TODAY}' - INTERVAL 365 DAY THEN 1 ELSE 0 END)
                     FROM organisations GROUP BY 1, 2, 3""").fetchall())
    out += len(q("SELECT country, closed_year, count(*) FROM organisations WHERE status = 'CLOSED' GROUP BY 1, 2").fetchall())
    out += len(q("SELECT country, count(DISTINCT respondent) FROM answers WHERE question = 'CH1' GROUP BY 1").fetchall())
    out += len(q("SELECT country, option, count(*) FROM choices WHERE question = 'CH1' GROUP BY 1, 2").fetchall())
    return out


def pandas_full_set(d):
    answers, findings, organisations, choices = d["answers"], d["findings"], d["organisations"], d["choices"]
    out = 0
    for code in QUESTIONS:
        sel = answers[(answers.question == code) & answers.value.notna()]
        out += len(sel.groupby(["country", "value"]).size())
    likert = answers[(answers.kind == "LIKERT") & answers.theme.notna() & answers.value.notna()]
    person = likert.groupby(["respondent", "country", "role", "theme"], as_index=False)["value"].mean().rename(columns={"value": "score"})
    scores = person.groupby(["country", "role", "theme"])["score"].agg(["count", "mean", "std"])
    out += len([mean_ci(r["count"], r["mean"], r["std"] if r["std"] == r["std"] else 0) for _, r in scores.iterrows()])
    gap = person[person.role.isin(["MUNICIPAL_OFFICIAL", "ORGANISATION_REPRESENTATIVE"])].groupby(["country", "role", "theme"])["score"].agg(["count", "mean", "var"])
    out += len(gap)
    per_level = likert.groupby(["question", "country", "value"]).size().reset_index(name="n")
    for code in QUESTIONS:
        sel = per_level[per_level.question == code]
        kruskal_from_counts(list(zip(sel.country, sel.value, sel.n)))
        out += 1
    per_score = person.groupby(["theme", "country", "score"]).size().reset_index(name="n")
    for theme in per_score.theme.unique():
        sel = per_score[per_score.theme == theme]
        kruskal_from_counts(list(zip(sel.country, sel.score, sel.n)))
        out += 1
    out += len(findings.groupby(["country", "theme", "sub_code"], dropna=False).size())
    it = findings[["interview", "theme"]].drop_duplicates()
    pairs = it.merge(it, on="interview")
    out += len(pairs[pairs.theme_x < pairs.theme_y].groupby(["theme_x", "theme_y"]).size())
    verified = pd.to_datetime(organisations.last_verified) >= pd.Timestamp(TODAY) - pd.Timedelta(days=365)
    out += len(organisations.assign(verified=verified).groupby(["country", "status", "kind"]).agg(n=("kind", "size"), v=("verified", "sum")))
    out += len(organisations[organisations.status == "CLOSED"].groupby(["country", "closed_year"]).size())
    out += len(answers[answers.question == "CH1"].groupby("country")["respondent"].nunique())
    out += len(choices[choices.question == "CH1"].groupby(["country", "option"]).size())
    return out


def timed(fn, runs):
    fn()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def main():
    db_path, out = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    export(db_path, out)
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    for name in EXTRACTS:
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{os.path.join(out, name + '.parquet')}')")
    frames = {name: con.execute(f"SELECT * FROM {name}").df() for name in EXTRACTS}
    duck_median, duck_times = timed(lambda: duckdb_full_set(con), runs)
    pandas_median, pandas_times = timed(lambda: pandas_full_set(frames), runs)
    print(json.dumps({
        "answers": len(frames["answers"]),
        "duckdb_version": duckdb.__version__,
        "pandas_version": pd.__version__,
        "duckdb_ms_median": duck_median, "duckdb_ms": duck_times,
        "pandas_ms_median": pandas_median, "pandas_ms": pandas_times,
    }))


if __name__ == "__main__":
    main()

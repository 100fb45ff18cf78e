"""The queries of bench/mixed.sh and bench/classes.sh, made from the ids, regions and
words a hub database holds (the .tsv and .txt files those scripts read from PostgreSQL
into WORK).

Writes to WORK:
- hub.jsonl and pgl.jsonl: at least 1,000 distinct reads, shuffled, each in the hub's
  form and in PostGraphile's, line by line (pages of organisations by region at every
  offset and by kind and status, organisations by id, respondents by id with their
  answers, findings searches by a word of their text);
- hub-analytics.jsonl: the same reads with an analytics comparison after every nine;
- hub-CLASS.jsonl for CLASS in pages, organisation, respondent, findings, comparisons:
  the hub's queries of each class alone, in the same order.

Usage: python3 bench/mixed_queries.py WORK
"""
import base64, json, random, re, sys
work = sys.argv[1]
rng = random.Random(15)
regions = dict(line.split("\t") for line in open(f"{work}/regions.tsv").read().split("\n") if line)
per_region = {r: int(n) for r, n in (l.split("\t") for l in open(f"{work}/per_region.tsv").read().split("\n") if l)}
organisations = open(f"{work}/organisations.txt").read().split()
respondents = open(f"{work}/respondents.txt").read().split()
words = sorted({w for line in open(f"{work}/texts.txt") for w in re.findall(r"[a-z]{6,}", line)})

def cursor(position):
    return base64.urlsafe_b64encode(f"cursor:v1:{position}".encode()).decode().rstrip("=")

pairs = []  # (hub query, PostGraphile query)
org = "id name kind status region { name countryCode }"
pgl_org = "id name kind status regionByRegionId { name countryCode }"
# Every page of 20 of each region's organisations, by name.
for region_id, code in regions.items():
    for offset in range(0, per_region.get(region_id, 0), 20):
        after = f', after: "{cursor(offset - 1)}"' if offset else ""
        pairs.append((
            f'{{ organisations(first: 20{after}, filter: {{ regionCode: "{code}" }}) {{ pageInfo {{ hasNextPage }} nodes {{ {org} }} }} }}',
            f'{{ allOrganisations(first: 20, offset: {offset}, orderBy: [NAME_ASC, ID_ASC], condition: {{ regionId: {region_id} }}) {{ pageInfo {{ hasNextPage }} nodes {{ {pgl_org} }} }} }}'))
# The first pages of each kind and status.
for kind in ["YOUTH_ASSOCIATION", "SOCIAL_ENTERPRISE", "INFORMAL_INITIATIVE", "NGO", "MUNICIPAL_UNIT", "OTHER"]:
    for status in ["ACTIVE", "DORMANT", "CLOSED"]:
        for offset in (0, 20, 40):
            after = f', after: "{cursor(offset - 1)}"' if offset else ""
            pairs.append((
                f'{{ organisations(first: 20{after}, filter: {{ kind: {kind}, status: {status} }}) {{ nodes {{ {org} }} }} }}',
                f'{{ allOrganisations(first: 20, offset: {offset}, orderBy: [NAME_ASC, ID_ASC], condition: {{ kind: "{kind}", status: "{status}" }}) {{ nodes {{ {pgl_org} }} }} }}'))
for id in rng.sample(organisations, min(500, len(organisations))):
    pairs.append((
        f'{{ organisation(id: "{id}") {{ {org} foundedYear fieldsOfActivity website }} }}',
        f'{{ organisationById(id: {id}) {{ {pgl_org} foundedYear fieldsOfActivity website }} }}'))
for id in rng.sample(respondents, min(400, len(respondents))):
    pairs.append((
        f'{{ respondent(id: "{id}") {{ id role region {{ code }} answers {{ value question {{ code }} }} }} }}',
        f'{{ respondentById(id: {id}) {{ id role regionByRegionId {{ code }} answersByRespondentId {{ nodes {{ value questionByQuestionId {{ code }} }} }} }} }}'))
for word in rng.sample(words, min(150, len(words))):
    pairs.append((
        f'{{ findings(first: 20, filter: {{ search: "{word}" }}) {{ nodes {{ id quote translation subCode }} }} }}',
        f'{{ allFindings(first: 20, orderBy: ID_ASC, filter: {{ searchText: {{ includes: "{word}" }} }}) {{ nodes {{ id quote translation subCode }} }} }}'))
rng.shuffle(pairs)
assert len({h for h, _ in pairs}) >= 1000, f"only {len(pairs)} distinct queries"
with open(f"{work}/hub.jsonl", "w") as hub, open(f"{work}/pgl.jsonl", "w") as pgl:
    for h, p in pairs:
        hub.write(json.dumps({"query": h}) + "\n")
        pgl.write(json.dumps({"query": p}) + "\n")
# The last phase adds an analytics comparison after every nine reads.
likert = open(f"{work}/likert.txt").read().split()
groupings = ["[COUNTRY]", "[COUNTRY, ROLE]", "[ROLE]", "[REGION]", "[COUNTRY, ORGANISATION_KIND]"]
analytics = [f'{{ analytics {{ dataVersion likertDistribution(question: "{q}", by: {by}) {{ n mean suppressed }} }} }}'
             for q in likert for by in groupings]
analytics += [f'{{ analytics {{ dataVersion themeScores(by: {by}) {{ theme n mean sd suppressed }} }} }}' for by in groupings]
rng.shuffle(analytics)
with open(f"{work}/hub-analytics.jsonl", "w") as out:
    for i, (h, _) in enumerate(pairs):
        out.write(json.dumps({"query": h}) + "\n")
        if i % 9 == 8:
            out.write(json.dumps({"query": analytics[(i // 9) % len(analytics)]}) + "\n")
print(f"{len(pairs)} distinct queries: {sum('organisations(' in h for h, _ in pairs)} pages, "
      f"{sum('organisation(' in h for h, _ in pairs)} organisations, {sum('respondent(' in h for h, _ in pairs)} "
      f"respondents, {sum('findings(' in h for h, _ in pairs)} findings searches", file=sys.stderr)
# Each class alone, for bench/classes.sh.
classes = {"pages": "{ organisations(", "organisation": "{ organisation(", "respondent": "{ respondent(",
           "findings": "{ findings("}
for name, start in classes.items():
    with open(f"{work}/hub-{name}.jsonl", "w") as out:
        for h, _ in pairs:
            if h.startswith(start):
                out.write(json.dumps({"query": h}) + "\n")
with open(f"{work}/hub-comparisons.jsonl", "w") as out:
    for query in analytics:
        out.write(json.dumps({"query": query}) + "\n")

#!/usr/bin/env python3
"""Re-expresses the demo's reforms (2020, 2023 and 2024) as reform operations:
writes data/demo/reforms/<change>.toml from the dataset's own tables.

Each reform's operations are derived from what the dataset says the reform did:
bodies and parks it created (create, with quotas left to the ledger), lineage it
wrote (merge / split), records it ended without lineage (abolish), and for a record
that lives on, each field that changed (rename, plates, kind, outline, contact,
provenance). Quotas: a merge moves the predecessors' quota; what the new figures
differ by is a recorded quota decision under the reform's document number.
Dependents that follow lineage (a park's managing body O37 -> N08) are not written
out: the reform engine re-points them, and the check (zonegov-app tests/reform.rs
and the dataset check) shows the replay gives exactly the stored tables.
"""
import csv, json, os, sys

ROOT = os.path.join(os.path.dirname(__file__), '..', 'data', 'demo')
REFORMS = ['C2020', 'C2023A', 'C2023B', 'C2023C', 'C2024']
QUOTAS = [('quota_administrative', 'administrative'), ('quota_public_service', 'public_service'), ('quota_headcount', 'headcount')]


def rows(name):
    with open(os.path.join(ROOT, name), newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def s(v):
    return json.dumps(v, ensure_ascii=False)


def name(r, prefix='name'):
    out = '{ zh = %s' % s(r[prefix + '_zh'])
    if r.get(prefix + '_en'):
        out += ', en = %s' % s(r[prefix + '_en'])
    return out + ' }'


def prov(r):
    facts = [f for f in r['facts'].split(';') if f]
    out = '{ source = %s' % s(r['source'])
    if r['basis']:
        out += ', basis = %s' % s(r['basis'])
    if facts:
        out += ', facts = %s' % s(facts)
    return out + ' }'


def contact(r):
    parts = []
    if r.get('phone'):
        parts.append('phone = %s' % s(r['phone']))
    if r.get('address'):
        parts.append('address = %s' % s(r['address']))
    return '{ %s }' % ', '.join(parts) if parts else None


def plates(r):
    zh = [p for p in r['plates_zh'].split('|') if p]
    en = r['plates_en'].split('|') if r['plates_en'] else []
    return [(z, en[i] if i < len(en) else '') for i, z in enumerate(zh)]


def quotas(r):
    return {k: int(r[c]) for c, k in QUOTAS if r[c]}


def main():
    changes = {c['id']: c for c in rows('changes.csv')}
    inst = rows('institutions.csv')
    parks = rows('parks.csv')
    lineage = rows('lineage.csv')
    out_dir = os.path.join(ROOT, 'reforms')
    os.makedirs(out_dir, exist_ok=True)
    for rid in REFORMS:
        c = changes[rid]
        day = c['effective']
        links = [l for l in lineage if l['change'] == rid]
        basis_count = {}
        for l in links:
            basis_count[prov(l)] = basis_count.get(prov(l), 0) + 1
        default_link = max(basis_count, key=basis_count.get) if links else None
        ops = []
        succ = {}
        for table, target, recs in (('institution', 'institution', inst), ('park', 'park', parks)):
            new = [r for r in recs if r['change'] == rid]
            codes_new = {r['code'] for r in new}
            # Versions this reform ended: those ending on its day whose code goes on
            # (if at all) in a version this reform wrote (another reform of the same
            # day may end others).
            starts = {(r['code'], r['valid_from']): r['change'] for r in recs}
            prior = {r['code']: r for r in recs if r['valid_to'] == day
                     and starts.get((r['code'], day), rid) == rid}
            # created
            for r in new:
                if r['code'] in prior:
                    continue
                if target == 'institution':
                    lines = ['[[operations]]', 'op = "create_body"', 'code = %s' % s(r['code']),
                             '[operations.body]', 'name = %s' % name(r),
                             'plates = [%s]' % ', '.join('{ zh = %s%s }' % (s(z), ', en = %s' % s(e) if e else '') for z, e in plates(r)),
                             'category = %s' % s(r['category'])]
                    if r['parent']:
                        lines.append('parent = %s' % s(r['parent']))
                    lines.append('quotas = {}')
                else:
                    lines = ['[[operations]]', 'op = "create_park"', 'code = %s' % s(r['code']),
                             '[operations.park]', 'name = %s' % name(r), 'kind = %s' % s(r['kind']),
                             'industries = %s' % s([i for i in r['industries'].split('|') if i]),
                             'streets = %s' % s([i for i in r['streets'].split('|') if i])]
                    if r['managing_body']:
                        lines.append('managing_body = %s' % s(r['managing_body']))
                    if r['boundary']:
                        lines.append('boundary = %s' % s(r['boundary']))
                if contact(r):
                    lines.append('contact = %s' % contact(r))
                lines.append('provenance = %s' % prov(r))
                ops.append((0, '\n'.join(lines)))
            # lineage: merges grouped by successor, relation and provenance; splits
            groups = {}
            for l in (l for l in links if l['kind'] == table):
                if l['relation'] == 'split_from':
                    ops.append((1, '\n'.join(['[[operations]]', 'op = "split"', 'target = %s' % s(target),
                                              'from = %s' % s(l['predecessor']), 'into = [%s]' % s(l['successor']),
                                              'ends = %s' % ('true' if l['predecessor'] in prior and l['predecessor'] not in codes_new else 'false')])))
                    continue
                key = (l['successor'], l['relation'], prov(l))
                groups.setdefault(key, []).append(l['predecessor'])
                succ[(table, l['predecessor'])] = l['successor']
            for (into, rel, p), preds in groups.items():
                lines = ['[[operations]]', 'op = "merge"', 'target = %s' % s(target), 'from = %s' % s(preds),
                         'into = %s' % s(into), 'relation = %s' % s(rel)]
                if p != default_link:
                    lines.append('link_provenance = %s' % p)
                ops.append((1, '\n'.join(lines)))
            # ended with no lineage: abolished
            linked = {l['predecessor'] for l in links if l['kind'] == table}
            for code, r in prior.items():
                if code not in codes_new and code not in linked:
                    ops.append((1, '[[operations]]\nop = "abolish"\ntarget = %s\ncode = %s' % (s(target), s(code))))
            # lived on: each changed field
            for r in new:
                old = prior.get(r['code'])
                if not old:
                    continue
                code = s(r['code'])
                if (old['name_zh'], old['name_en']) != (r['name_zh'], r['name_en']):
                    ops.append((2, '[[operations]]\nop = "rename"\ntarget = %s\ncode = %s\nname = %s' % (s(target), code, name(r))))
                if target == 'institution':
                    for z, e in plates(r):
                        if z not in [p for p, _ in plates(old)]:
                            ops.append((2, '[[operations]]\nop = "add_plate"\ncode = %s\nplate = { zh = %s, en = %s }' % (code, s(z), s(e))))
                    for z, _ in plates(old):
                        if z not in [p for p, _ in plates(r)]:
                            ops.append((2, '[[operations]]\nop = "remove_plate"\ncode = %s\nplate = %s' % (code, s(z))))
                else:
                    if old['kind'] != r['kind']:
                        ops.append((2, '[[operations]]\nop = "retype"\ncode = %s\npark_kind = %s' % (code, s(r['kind']))))
                    if old['boundary'] != r['boundary']:
                        b = ('\nboundary = %s' % s(r['boundary'])) if r['boundary'] else ''
                        ops.append((2, '[[operations]]\nop = "redraw"\ncode = %s%s' % (code, b)))
                    mb_old = succ.get(('institution', old['managing_body']), old['managing_body'])
                    if mb_old != r['managing_body']:
                        ops.append((2, '[[operations]]\nop = "manage"\ncode = %s\nbody = %s' % (code, s(r['managing_body']))))
                if contact(old) != contact(r):
                    cl = ('\ncontact = %s' % contact(r)) if contact(r) else ''
                    ops.append((2, '[[operations]]\nop = "recontact"\ntarget = %s\ncode = %s%s' % (s(target), code, cl)))
                if prov(old) != prov(r):
                    ops.append((2, '[[operations]]\nop = "restate"\ntarget = %s\ncode = %s\nprovenance = %s' % (s(target), code, prov(r))))
            # quotas: what a merge moved in, then the recorded decision for the rest
            if target == 'institution':
                have = {}
                for r in new:
                    base = quotas(prior[r['code']]) if r['code'] in prior else {}
                    for (into, rel, p), preds in groups.items():
                        if into == r['code']:
                            for pc in preds:
                                for k, v in quotas(prior[pc]).items():
                                    base[k] = base.get(k, 0) + v
                    for k in ('administrative', 'public_service', 'headcount'):
                        d = quotas(r).get(k, 0) - base.get(k, 0)
                        if d:
                            ops.append((3, '[[operations]]\nop = "quota_decision"\ncode = %s\nquota = %s\ndelta = %d\ndoc_no = %s' % (s(r['code']), s(k), d, s(c['doc_no']))))
        head = ['# %s: generated by scripts/gen-reform-demo.py from the dataset tables; see its docstring.' % rid,
                '# Replaying it on the state before gives exactly institutions.csv, parks.csv and lineage.csv (checked by the dataset check and zonegov-app tests/reform.rs).',
                'id = %s' % s(rid), 'effective = %s' % s(day), 'doc_no = %s' % s(c['doc_no']),
                'reason = { zh = %s, en = %s }' % (s(c['reason_zh']), s(c['reason_en'])),
                'provenance = %s' % prov(c)]
        if default_link:
            head.append('lineage_provenance = %s' % default_link)
        body = [t for _, t in sorted(ops, key=lambda x: x[0])]
        with open(os.path.join(out_dir, rid + '.toml'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(head) + '\n\n' + '\n\n'.join(body) + '\n')
        print(rid, len(body), 'operations')


if __name__ == '__main__':
    main()

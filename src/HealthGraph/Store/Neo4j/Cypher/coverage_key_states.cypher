// Whether each goal-coverage key (an SDG node, an agency, an item) has a link of each basis, and its item's label:
// what the coverage counts count (as the SQLite store's coverage_link_delta_apply). $keys: [{sdg, agency, item}].
UNWIND $keys AS k
OPTIONAL MATCH (l:CoverageLink {sdg: k.sdg, agency: k.agency, item: k.item})
USING INDEX l:CoverageLink(sdg, agency, item)
WITH k, collect(l) AS links
RETURN k.sdg AS sdg, k.agency AS agency, k.item AS item,
       any(l IN links WHERE l.basis = 'STATED') AS stated,
       any(l IN links WHERE l.basis = 'INFERRED') AS inferred,
       any(l IN links WHERE l.basis = 'DERIVED') AS derived,
       size(links) > 0 AS any,
       head([l IN links | l.label]) AS label

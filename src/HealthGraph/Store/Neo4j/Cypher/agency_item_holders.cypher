// The agencies that have each of some items, with their counts: $items: [{dimension, item}]. What a change's pair
// deltas are computed from (the holders after the change), by index.
UNWIND $items AS k
MATCH (h:AgencyItem {dimension: k.dimension, item: k.item})
USING INDEX SEEK h:AgencyItem(dimension, item)
RETURN h.dimension AS dimension, h.item AS item, h.agency AS agency, h.stated AS stated, h.inferred AS inferred, h.derived AS derived

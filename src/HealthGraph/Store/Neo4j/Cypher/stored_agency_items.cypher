// The partner-overlap aggregate's rows of $agencies (organization ids) as stored, for the consistency check.
UNWIND $agencies AS agency
MATCH (i:AgencyItem {agency: agency})
USING INDEX i:AgencyItem(agency)
RETURN i.agency AS agency, i.dimension AS dimension, i.item AS item, i.stated AS stated, i.inferred AS inferred, i.derived AS derived

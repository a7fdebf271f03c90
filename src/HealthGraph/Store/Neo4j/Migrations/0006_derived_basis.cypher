// Schema version 6: a third basis, DERIVED (a link the software computes from a code the source states: an IATI
// activity's SDG indicator placed under its target by the official framework), kept apart from STATED and INFERRED:
// only an SDG alignment (ALIGNS_WITH) is ever derived (Provenance.CanBeDerived, which every write goes through). The
// aggregates count derived links in properties of their own: AgencyItem, AgencyPair, CoverageAgency, CoverageItem and
// CoverageCount `derived`; AgencySize `derived` and `sharedDerived`. Nothing changes in the indexes or constraints:
// migrating to this version rebuilds every aggregate, which writes the new properties
// (Neo4jGraphStore.AggregatesVersion).

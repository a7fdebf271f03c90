// A change's subject as it is in the transaction, for its history (ChangeDetails): its node (none: no row for it) and
// its relationships of the types the change touches, $outgoing starting at it and $incoming ending at it, each as
// {type, outgoing, other}.
OPTIONAL MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)-[r]->(o:Entity)
  WHERE type(r) IN $outgoing
  RETURN collect({type: type(r), outgoing: true, other: o.id}) AS out
}
CALL (n) {
  MATCH (n)<-[r]-(o:Entity)
  WHERE type(r) IN $incoming
  RETURN collect({type: type(r), outgoing: false, other: o.id}) AS inc
}
RETURN n, out + inc AS links

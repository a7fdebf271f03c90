// Sets the search properties of a batch of nodes. $rows: [{id, searchName, searchText}]; a null removes the property.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.searchName = row.searchName, n.searchText = row.searchText

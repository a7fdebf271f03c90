-- Whose a change's subject is (SubjectHolding, EditLimit): its label, and as a JSON array the organisations in a role on
-- it (@roles, RelationshipTypes.OrganisationRoles), itself when it is an organisation, and the organisations that
-- manage its results framework when it is an outcome. No row: no such node. Read by the edge_by_dst index.
SELECT n.label,
       (SELECT json_group_array(holder)
          FROM (SELECT e.src AS holder
                  FROM edge e
                 WHERE e.dst = n.id AND e.type IN (SELECT value FROM json_each(@roles))
                UNION
                SELECT n.id WHERE n.label = 'Organization'
                UNION
                SELECT m.dst
                  FROM edge f
                  JOIN edge m ON m.src = f.dst AND m.type = 'MANAGED_BY'
                 WHERE f.src = n.id AND f.type = 'IN_FRAMEWORK')) AS holders
  FROM node n
 WHERE n.id = @id

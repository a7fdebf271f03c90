-- Schema version 9: REGION, a sixth overlap dimension. A piece of work has a region when it is LOCATED_IN a place
-- that is a region (a Place of level REGION: admin level 1) or is PART_OF one, up to three steps above it (a site in a
-- subdistrict in a district in its region). One agency_item row per agency and region, counted once per way its work
-- reaches the region (as Sql/agency_links.sql lists them), with the basis of the LOCATED_IN relationship.
--
-- These triggers add the REGION rows beside version 7's (which they do not change): an INSTEAD OF trigger more on
-- agency_work_delta (an item becomes an agency's work) and on edge_delta (LOCATED_IN and PART_OF change), and one on a
-- place whose level changes; each is dropped first, as version 7 drops what it creates. The store fills the aggregates
-- again after this migration (AggregateFills.Version).

DROP TRIGGER IF EXISTS agency_work_delta_region;
DROP TRIGGER IF EXISTS edge_delta_region;
DROP TRIGGER IF EXISTS agency_items_place_level;
DROP VIEW IF EXISTS place_region;
DROP VIEW IF EXISTS place_below;

-- The ways up from a place to a region: one row per path of 0 to 3 PART_OF steps that ends at a Place of level REGION.
CREATE VIEW place_region (place, region, depth) AS
SELECT r.id, r.id, 0
  FROM node r
 WHERE r.label = 'Place' AND json_extract(r.props, '$.level') = 'REGION'
UNION ALL
SELECT p1.src, r.id, 1
  FROM edge p1 JOIN node r ON r.id = p1.dst
 WHERE p1.type = 'PART_OF' AND r.label = 'Place' AND json_extract(r.props, '$.level') = 'REGION'
UNION ALL
SELECT p1.src, r.id, 2
  FROM edge p1 JOIN edge p2 ON p2.src = p1.dst AND p2.type = 'PART_OF' JOIN node r ON r.id = p2.dst
 WHERE p1.type = 'PART_OF' AND r.label = 'Place' AND json_extract(r.props, '$.level') = 'REGION'
UNION ALL
SELECT p1.src, r.id, 3
  FROM edge p1 JOIN edge p2 ON p2.src = p1.dst AND p2.type = 'PART_OF' JOIN edge p3 ON p3.src = p2.dst AND p3.type = 'PART_OF'
  JOIN node r ON r.id = p3.dst
 WHERE p1.type = 'PART_OF' AND r.label = 'Place' AND json_extract(r.props, '$.level') = 'REGION';

-- The ways down from a place: itself, and one row per path of 1 to 3 PART_OF steps from a place below it.
CREATE VIEW place_below (place, below, depth) AS
SELECT id, id, 0 FROM node
UNION ALL
SELECT p1.dst, p1.src, 1 FROM edge p1 INDEXED BY edge_by_dst WHERE p1.type = 'PART_OF'
UNION ALL
SELECT p2.dst, p1.src, 2
  FROM edge p2 INDEXED BY edge_by_dst JOIN edge p1 INDEXED BY edge_by_dst ON p1.dst = p2.src AND p1.type = 'PART_OF'
 WHERE p2.type = 'PART_OF'
UNION ALL
SELECT p3.dst, p1.src, 3
  FROM edge p3 INDEXED BY edge_by_dst JOIN edge p2 INDEXED BY edge_by_dst ON p2.dst = p3.src AND p2.type = 'PART_OF'
  JOIN edge p1 INDEXED BY edge_by_dst ON p1.dst = p2.src AND p1.type = 'PART_OF'
 WHERE p3.type = 'PART_OF';

-- An item becomes (or stops being) an agency's work: the regions it is located in, as many times as the work row counts.
CREATE TRIGGER agency_work_delta_region INSTEAD OF INSERT ON agency_work_delta BEGIN
    INSERT INTO agency_item_delta (agency, dimension, item, stated, inferred, derived)
    SELECT new.agency, 'REGION', pr.region,
           iif(l.basis = 'STATED', new.stated + new.inferred, 0), iif(l.basis = 'INFERRED', new.stated + new.inferred, 0), 0
      FROM edge l JOIN place_region pr ON pr.place = l.dst
     WHERE l.src = new.item AND l.type = 'LOCATED_IN';
END;

-- A LOCATED_IN more or less: its regions for every agency whose work the item is. A PART_OF more or less: every way
-- through it, from work located at or below its start to a region at or above its end, within three steps in all.
CREATE TRIGGER edge_delta_region INSTEAD OF INSERT ON edge_delta WHEN new.type IN ('LOCATED_IN', 'PART_OF') BEGIN
    INSERT INTO agency_item_delta (agency, dimension, item, stated, inferred, derived)
    SELECT w.agency, 'REGION', pr.region,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0), 0
      FROM agency_work w JOIN place_region pr ON pr.place = new.dst
     WHERE new.type = 'LOCATED_IN' AND w.item = new.src
    UNION ALL
    SELECT w.agency, 'REGION', pr.region,
           iif(l.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(l.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0), 0
      FROM place_below pb
      JOIN place_region pr ON pr.place = new.dst AND pb.depth + pr.depth <= 2
      JOIN edge l INDEXED BY edge_by_dst ON l.dst = pb.below AND l.type = 'LOCATED_IN'
      JOIN agency_work w ON w.item = l.src
     WHERE new.type = 'PART_OF' AND pb.place = new.src;
END;

-- A place's level says whether it is a region: when it changes, the ways that end at it count no more (it was a region)
-- or start to count (it is one now). Set aside with the other aggregate triggers during a load.
CREATE TRIGGER agency_items_place_level AFTER UPDATE OF props ON node
WHEN new.label = 'Place' AND iif(json_extract(old.props, '$.level') = 'REGION', 1, 0) <> iif(json_extract(new.props, '$.level') = 'REGION', 1, 0) BEGIN
    INSERT INTO agency_item_delta (agency, dimension, item, stated, inferred, derived)
    SELECT w.agency, 'REGION', new.id,
           iif(l.basis = 'STATED', s.sign * (w.stated + w.inferred), 0), iif(l.basis = 'INFERRED', s.sign * (w.stated + w.inferred), 0), 0
      FROM (SELECT iif(json_extract(new.props, '$.level') = 'REGION', 1, -1) AS sign) s
      JOIN place_below pb ON pb.place = new.id
      JOIN edge l INDEXED BY edge_by_dst ON l.dst = pb.below AND l.type = 'LOCATED_IN'
      JOIN agency_work w ON w.item = l.src;
END;

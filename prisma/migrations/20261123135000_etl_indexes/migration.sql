-- Hand-written: expression indexes on the registry's grouping fields (src/domain/registry.ts), so
-- selections such as "phase-1 stacks of region GH" (src/domain/fathom/selection.ts) and grouping
-- filters on raw assets read only the matching rows. Keyed by pipeline first: the same field name
-- may appear in several pipelines.
CREATE INDEX "assets_pipelineKey_region_idx" ON "assets" ("pipelineKey", ("sourceMetadata"->>'region'));
CREATE INDEX "assets_pipelineKey_flood_type_idx" ON "assets" ("pipelineKey", ("sourceMetadata"->>'flood_type'));
CREATE INDEX "assets_pipelineKey_defense_idx" ON "assets" ("pipelineKey", ("sourceMetadata"->>'defense'));
CREATE INDEX "assets_pipelineKey_year_idx" ON "assets" ("pipelineKey", ("sourceMetadata"->>'year'));
CREATE INDEX "assets_pipelineKey_ssp_idx" ON "assets" ("pipelineKey", ("sourceMetadata"->>'ssp'));

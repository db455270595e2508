-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('Pending', 'Running', 'Success', 'Failed', 'Cancelled');

-- CreateEnum
CREATE TYPE "PhaseState" AS ENUM ('pending', 'processing', 'done', 'failed');

-- CreateTable
CREATE TABLE "pipelines" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "jobTypes" TEXT[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pipelines_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "phases" (
    "id" SERIAL NOT NULL,
    "pipelineKey" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "phases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" BIGSERIAL NOT NULL,
    "pipelineKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "cycleTime" TIMESTAMPTZ(3),
    "expectedHours" INTEGER[],
    "upstreamHours" INTEGER[],
    "lastScannedAt" TIMESTAMPTZ(3),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assets" (
    "id" BIGSERIAL NOT NULL,
    "pipelineKey" TEXT NOT NULL,
    "runId" BIGINT,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL DEFAULT 0,
    "md5" TEXT,
    "sourceMetadata" JSONB NOT NULL DEFAULT '{}',
    "missingSince" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "asset_phases" (
    "assetId" BIGINT NOT NULL,
    "pipelineKey" TEXT NOT NULL,
    "phaseKey" TEXT NOT NULL,
    "state" "PhaseState" NOT NULL DEFAULT 'pending',
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "error" TEXT,
    "jobId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "asset_phases_pkey" PRIMARY KEY ("assetId","phaseKey")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "pipelineKey" TEXT,
    "args" JSONB NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'Pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "workerId" TEXT,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "errorMessage" TEXT,
    "errorStack" TEXT,
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER,
    "peakMemoryBytes" BIGINT,
    "parentId" UUID,
    "stage" INTEGER,
    "stageName" TEXT,
    "result" JSONB,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_attempts" (
    "id" BIGSERIAL NOT NULL,
    "jobId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "errorMessage" TEXT,

    CONSTRAINT "job_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workers" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastHeartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_rollups" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "durationMsSum" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "job_rollups_pkey" PRIMARY KEY ("minute","type")
);

-- CreateIndex
CREATE UNIQUE INDEX "phases_pipelineKey_key_key" ON "phases"("pipelineKey", "key");

-- CreateIndex
CREATE INDEX "runs_pipelineKey_cycleTime_idx" ON "runs"("pipelineKey", "cycleTime" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "runs_pipelineKey_source_runKey_key" ON "runs"("pipelineKey", "source", "runKey");

-- CreateIndex
CREATE INDEX "assets_runId_idx" ON "assets"("runId");

-- CreateIndex
CREATE INDEX "assets_pipelineKey_kind_idx" ON "assets"("pipelineKey", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "assets_pipelineKey_path_key" ON "assets"("pipelineKey", "path");

-- CreateIndex
CREATE INDEX "asset_phases_pipelineKey_phaseKey_state_idx" ON "asset_phases"("pipelineKey", "phaseKey", "state");

-- CreateIndex
CREATE INDEX "asset_phases_pipelineKey_phaseKey_completedAt_idx" ON "asset_phases"("pipelineKey", "phaseKey", "completedAt");

-- CreateIndex
CREATE INDEX "jobs_status_queuedAt_idx" ON "jobs"("status", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "jobs_type_status_idx" ON "jobs"("type", "status");

-- CreateIndex
CREATE INDEX "jobs_queuedAt_idx" ON "jobs"("queuedAt" DESC);

-- CreateIndex
CREATE INDEX "jobs_parentId_status_idx" ON "jobs"("parentId", "status");

-- CreateIndex
CREATE INDEX "jobs_pipelineKey_status_idx" ON "jobs"("pipelineKey", "status");

-- CreateIndex
CREATE INDEX "jobs_finishedAt_idx" ON "jobs"("finishedAt" DESC);

-- CreateIndex
CREATE INDEX "job_attempts_jobId_attempt_idx" ON "job_attempts"("jobId", "attempt");

-- CreateIndex
CREATE INDEX "workers_lastHeartbeatAt_idx" ON "workers"("lastHeartbeatAt");

-- AddForeignKey
ALTER TABLE "phases" ADD CONSTRAINT "phases_pipelineKey_fkey" FOREIGN KEY ("pipelineKey") REFERENCES "pipelines"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_pipelineKey_fkey" FOREIGN KEY ("pipelineKey") REFERENCES "pipelines"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_pipelineKey_fkey" FOREIGN KEY ("pipelineKey") REFERENCES "pipelines"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "asset_phases" ADD CONSTRAINT "asset_phases_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_attempts" ADD CONSTRAINT "job_attempts_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "disk_usage" (
    "model" TEXT NOT NULL,
    "run" TEXT NOT NULL,
    "gribBytes" BIGINT NOT NULL DEFAULT 0,
    "tileBytes" BIGINT NOT NULL DEFAULT 0,
    "files" INTEGER NOT NULL DEFAULT 0,
    "oldestMtime" TIMESTAMPTZ(3),
    "newestMtime" TIMESTAMPTZ(3),
    "scannedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disk_usage_pkey" PRIMARY KEY ("model","run")
);

-- CreateIndex
CREATE INDEX "cases_closed_at_idx" ON "cases"("closed_at");

-- CreateIndex
CREATE INDEX "cases_type_response_due_at_idx" ON "cases"("type", "response_due_at");

// Default vocabulary for intake. Categories follow the Healthcare Complaints Analysis Tool (HCAT):
// three domains, each with its categories. Hospitals rename and extend these; ids stay stable.

export const CATEGORIES = [
  { id: "quality", label: "Quality of care", domain: "clinical" },
  { id: "safety", label: "Safety (errors, falls, infection, medication)", domain: "clinical" },
  { id: "abuse_neglect", label: "Abuse, neglect or mistreatment", domain: "clinical" },
  { id: "patient_harm", label: "Patient harm or injury", domain: "clinical" },
  { id: "environment", label: "Environment (cleanliness, noise, food, facilities)", domain: "management" },
  { id: "access", label: "Access, admission and waiting times", domain: "management" },
  { id: "discharge", label: "Discharge and transfer", domain: "management" },
  { id: "billing", label: "Billing and payment", domain: "management" },
  // 42 CFR 489: a Medicare beneficiary billed for covered days, kept in observation without the MOON, or given no ABN.
  { id: "billing_rights", label: "Medicare billing rights (covered days, MOON, ABN)", domain: "management" },
  { id: "routine_request", label: "Routine request (bedding, food preference, housekeeping)", domain: "management" },
  { id: "communication", label: "Communication and information", domain: "relationships" },
  { id: "listening", label: "Listening to patients and families", domain: "relationships" },
  { id: "respect", label: "Respect, dignity and patient rights", domain: "relationships" },
  // Patient rights under the Conditions of Participation (42 CFR 482.13; language access: 45 CFR 92).
  { id: "visitation", label: "Patient rights: visitation", domain: "relationships" },
  { id: "language_access", label: "Patient rights: interpreter and language access", domain: "relationships" },
  { id: "discrimination", label: "Patient rights: discrimination", domain: "relationships" },
  { id: "restraint_seclusion", label: "Patient rights: restraint or seclusion", domain: "relationships" },
  { id: "privacy", label: "Patient rights: privacy and confidentiality", domain: "relationships" },
  { id: "consent", label: "Patient rights: consent or refusing care", domain: "relationships" },
  { id: "advance_directives", label: "Patient rights: advance directives", domain: "relationships" },
  { id: "dignity", label: "Patient rights: dignity", domain: "relationships" },
  // A thank-you is neither a complaint nor a grievance: it is logged, passed on and counted in trends.
  { id: "compliment", label: "Compliment or thank-you", domain: "feedback" },
] as const;
export type CategoryId = (typeof CATEGORIES)[number]["id"];

/** Categories that are themselves an allegation of abuse, neglect or harm: a grievance whatever box was ticked (A-0118). */
export const HARM_CATEGORIES: readonly string[] = ["abuse_neglect", "patient_harm"];

/**
 * Categories that are a complaint about a patient right or compliance with the Conditions of
 * Participation: CMS (A-0118) makes them grievances even when staff fixed the matter at once.
 */
export const PATIENT_RIGHTS_CATEGORIES: readonly string[] = [
  "visitation",
  "language_access",
  "discrimination",
  "restraint_seclusion",
  "privacy",
  "consent",
  "advance_directives",
  "dignity",
];

export const DOMAIN_LABELS = { clinical: "Clinical", management: "Management", relationships: "Relationships", feedback: "Compliments" } as const;

export const SEVERITIES = [
  { level: 1, label: "1 – Minor" },
  { level: 2, label: "2 – Moderate" },
  { level: 3, label: "3 – Major" },
  { level: 4, label: "4 – Critical" },
] as const;

/** The critical severity level. */
export const CRITICAL_SEVERITY = 4;

/** Critical, or alleging abuse, neglect or harm: the approvers are alerted, the card flags it and the digest lists it while open. */
export function isCriticalOrHarm(facts: { severity: number; allegesHarm: boolean }): boolean {
  return facts.allegesHarm || facts.severity >= CRITICAL_SEVERITY;
}

/** How the concern reached the hospital. Written channels make it a grievance (CMS: email and fax count as written). */
export const RECEIVED_VIA = [
  { id: "in_person", label: "In person", written: false },
  { id: "phone", label: "Phone", written: false },
  { id: "email", label: "Email", written: true },
  { id: "letter_fax", label: "Letter or fax", written: true },
  { id: "portal", label: "Patient portal", written: true },
  { id: "survey", label: "Survey comment", written: false },
] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number]["id"];

export const RAISED_BY = [
  { id: "patient", label: "The patient" },
  { id: "family", label: "A family member" },
  { id: "representative", label: "A representative" },
] as const;
export type RaisedBy = (typeof RAISED_BY)[number]["id"];

/** Used when DEPARTMENTS is not configured. */
export const DEFAULT_DEPARTMENTS = [
  "Emergency Department",
  "Intensive Care",
  "Medical-Surgical",
  "Maternity and Labor & Delivery",
  "Pediatrics",
  "Oncology",
  "Surgery and Perioperative",
  "Radiology and Imaging",
  "Laboratory",
  "Pharmacy",
  "Outpatient Clinics",
  "Admissions and Registration",
  "Billing Office",
  "Food and Nutrition",
  "Environmental Services",
  "Security",
  "Other",
] as const;

export function categoryLabel(id: string): string {
  return CATEGORIES.find((category) => category.id === id)?.label ?? id;
}

export function severityLabel(level: number): string {
  return SEVERITIES.find((severity) => severity.level === level)?.label ?? String(level);
}

export function receivedViaLabel(id: string): string {
  return RECEIVED_VIA.find((via) => via.id === id)?.label ?? id;
}

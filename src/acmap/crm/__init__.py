"""Exchange with a CRM: stakeholders out as CSV or JSON (export), contacts in from CSV (import)."""

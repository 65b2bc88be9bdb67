/**
 * Every column stored as a field ciphertext, by table, with the table's primary key column. The plaintext
 * conversion in setup and the key rotation job both walk this list: a new encrypted column is added here too.
 */
export const ENCRYPTED_COLUMNS: readonly { table: string; key: string; columns: readonly string[]; integerKey?: boolean }[] = [
  { table: 'members', key: 'id', columns: ['name', 'id_number', 'disability_grade'] },
  { table: 'households', key: 'id', columns: ['address', 'phone', 'bank_account'] },
  { table: 'submissions', key: 'id', columns: ['payload'] },
  { table: 'objections', key: 'id', columns: ['content', 'objector_name'] },
  { table: 'notices', key: 'id', columns: ['text'] },
  { table: 'payment_exports', key: 'batch_id', columns: ['content'] },
  { table: 'tekun_cases', key: 'id', columns: ['assessment'] },
  { table: 'emergency_requests', key: 'id', columns: ['event_description', 'need'] },
  { table: 'recipient_change_reports', key: 'id', columns: ['account'] },
  { table: 'recipient_complaints', key: 'id', columns: ['content'] },
  { table: 'comparison_leads', key: 'id', columns: ['detail', 'reason'] },
  { table: 'notice_services', key: 'id', columns: ['note'] },
  { table: 'idempotent_requests', key: 'id', columns: ['response_body'] },
  { table: 'audit_entries', key: 'seq', columns: ['reason'], integerKey: true },
];

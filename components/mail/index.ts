export { Mail, DKIM_TOKEN_COUNT } from "./mail";
export type { MailArgs } from "./mail";
export { MAIL_DEFAULTS } from "./defaults";
export { dkimRecord, dmarcRecord, mailFromRecords, sendPolicy } from "./mail-records";
export type { DmarcPolicy, MailRecord } from "./mail-records";

/** The two users that take turns and the owner role, named after the database. */
export function appUserNames(databaseName: string): { users: [string, string]; ownerRole: string } {
  return { users: [`${databaseName}_a`, `${databaseName}_b`], ownerRole: `${databaseName}_owner` };
}

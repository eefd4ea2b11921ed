/**
 * Access decided in one place (P3): the case-id parser every route under /cases/:caseId uses,
 * the one permission switch (requireAccess), case lookup with access, and board scopes.
 */
export { AccessModule } from './access.module';
export { BOARD_ROLES, type Board, boardScope, organisationDirectoryScope } from './board-scope';
export { BoardScopeResolver } from './board-scope.resolver';
export { CaseAccess } from './case-access.service';
export { type CaseId, CaseIdParam, CaseIdPipe, caseNotFound, parseCaseId } from './case-id';
export {
  type AccessSubject,
  type BoardPermission,
  type CaseListScope,
  type CasePermission,
  type CaseScope,
  caseListScope,
  isAllowed,
  type Permission,
  requireAccess,
} from './permissions';

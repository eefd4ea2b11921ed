import { Global, Module } from '@nestjs/common';
import { BoardScopeResolver } from './board-scope.resolver';
import { CaseAccess } from './case-access.service';
import { CaseIdPipe } from './case-id';

/** Access decisions (P3), available to every feature module. */
@Global()
@Module({
  providers: [CaseAccess, BoardScopeResolver, CaseIdPipe],
  exports: [CaseAccess, BoardScopeResolver, CaseIdPipe],
})
export class AccessModule {}

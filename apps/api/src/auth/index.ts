export { AuthModule } from './auth.module';
export { AuthService } from './auth.service';
export { AuthGuard } from './auth.guard';
export { type AuthenticatedRequest, CurrentActor, Public, Roles } from './decorators';
export { PasswordService } from './passwords.service';
export {
  isRecentAuthentication,
  REAUTHENTICATION_REQUIRED,
  reauthenticationRequired,
  RecentAuthenticationGuard,
  RequiresRecentAuthentication,
} from './recent-authentication';
export {
  type SecondFactorMethod,
  type SecondFactorProof,
  SecondFactorService,
} from './second-factor/second-factor.service';

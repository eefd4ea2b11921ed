import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '@ariadne/config';
import { DATA_SOURCE, RefreshTokenRepository } from '@ariadne/persistence';
import type { DataSource } from 'typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AUTH_SETTINGS, authSettings } from './auth-settings';
import { LoginLimitInterceptor, LoginLimits, LoginThrottlerGuard } from './login-throttling';
import { SessionService } from './sessions.service';
import { PasswordsController } from './passwords.controller';
import { ReauthenticationController } from './reauthentication.controller';
import { ReauthenticationService } from './reauthentication.service';
import { PasswordService } from './passwords.service';
import { SecondFactorController } from './second-factor/second-factor.controller';
import { SecondFactorService } from './second-factor/second-factor.service';

/**
 * Authentication: local accounts and tokens, browser sessions (refresh-token cookie), OIDC as
 * an option (provider tokens, sign-in by redirect), and the global AuthGuard.
 * Importing this module puts every route of the application behind a bearer token, except those
 * marked @Public(). Needs ConfigModule and PersistenceModule (both global) in the application.
 */
@Module({
  controllers: [
    AuthController,
    PasswordsController,
    SecondFactorController,
    ReauthenticationController,
  ],
  providers: [
    { provide: AUTH_SETTINGS, inject: [APP_CONFIG], useFactory: authSettings },
    AuthService,
    {
      provide: RefreshTokenRepository,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new RefreshTokenRepository(ds),
    },
    SessionService,
    PasswordService,
    ReauthenticationService,
    SecondFactorService,
    LoginLimits,
    LoginLimitInterceptor,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PasswordService, SecondFactorService],
})
export class AuthModule {}

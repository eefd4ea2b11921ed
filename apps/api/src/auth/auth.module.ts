import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AUTH_SETTINGS, authSettings } from './auth-settings';
import { LoginThrottlerGuard, loginThrottling } from './login-throttling';

/**
 * Authentication: local accounts and tokens, OIDC as an option, and the global AuthGuard.
 * Importing this module puts every route of the application behind a bearer token, except those
 * marked @Public(). Needs ConfigModule and PersistenceModule (both global) in the application.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => loginThrottling(authSettings(c)),
    }),
  ],
  controllers: [AuthController],
  providers: [
    { provide: AUTH_SETTINGS, inject: [APP_CONFIG], useFactory: authSettings },
    AuthService,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}

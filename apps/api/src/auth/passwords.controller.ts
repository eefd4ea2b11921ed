import {
  Body,
  Controller,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Public } from './decorators';
import { LoginThrottlerGuard } from './login-throttling';
import {
  ChangePasswordDto,
  PasswordResetAcceptedDto,
  PasswordResetRequestDto,
  SetPasswordDto,
} from './passwords.dto';
import { PasswordService } from './passwords.service';
import { cookieOf, REFRESH_COOKIE } from './session-cookies';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class PasswordsController {
  constructor(private readonly passwords: PasswordService) {}

  /** A reset link by e-mail, if the account exists; the answer is the same either way. */
  @Public()
  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(LoginThrottlerGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'RequestPasswordReset' })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiBadRequestResponse({ description: '`login` missing or malformed' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async requestReset(@Body() dto: PasswordResetRequestDto): Promise<PasswordResetAcceptedDto> {
    await this.passwords.requestReset(dto.login);
    return { status: 'accepted' };
  }

  /** Sets her password from an invitation or reset link; all her sessions end. */
  @Public()
  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(LoginThrottlerGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'SetPasswordFromLink' })
  @ApiNoContentResponse({ description: 'Set; sign in with it' })
  @ApiBadRequestResponse({
    description:
      'Token expired, used or unknown (password-token-invalid), or the password breaks a rule ' +
      '(password-too-short, password-too-long, password-breached)',
  })
  async set(@Body() dto: SetPasswordDto): Promise<void> {
    await this.passwords.setFromToken(dto.token, dto.newPassword);
  }

  /** Changes her own password; her other sessions end, this browser's goes on. */
  @Post('me/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'ChangeOwnPassword' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiBadRequestResponse({
    description: 'current-password-wrong, or a rule of the new password',
  })
  async change(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.passwords.change(
      actor,
      dto.currentPassword,
      dto.newPassword,
      cookieOf(req, REFRESH_COOKIE),
    );
  }
}

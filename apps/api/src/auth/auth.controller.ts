import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { AuthService } from './auth.service';
import { ActorDto, LoginDto, TokenResponseDto } from './auth.dto';
import { CurrentActor, Public } from './decorators';
import { LoginThrottlerGuard } from './login-throttling';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** A local account's login and password for a short-lived access token. */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginThrottlerGuard)
  // RFC 6749 §5.1: responses carrying tokens must not be cached anywhere.
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: 'login or password missing or malformed' })
  @ApiUnauthorizedResponse({ description: 'Invalid credentials (the same for every cause)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto.login, dto.password);
  }

  /** Who the token stands for. */
  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ActorDto })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  me(@CurrentActor() actor: Actor): ActorDto {
    return { userId: actor.userId, organisationId: actor.organisationId, role: actor.role };
  }
}

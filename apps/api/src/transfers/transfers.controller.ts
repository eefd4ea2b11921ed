import { Body, Controller, Get, Header, HttpStatus, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import type { CaseSummaryDto } from '../cases/cases.dto';
import {
  CommandController,
  CommandRoute,
  type CommandTarget,
  Target,
} from '../cases/commands/command-route';
import { EmptyBodyDto } from '../cases/commands/validation';
import {
  AnswerTransferDto,
  ProposeTransferDto,
  TransferListDto,
  TransferListQueryDto,
} from './transfers.dto';
import { TransfersService } from './transfers.service';

/** R31: the steps of a transfer, as commands on the case. */
@CommandController('case-management')
export class TransferCommandsController {
  constructor(private readonly transfers: TransfersService) {}

  @CommandRoute('ProposeTransfer')
  propose(@Target() t: CommandTarget, @Body() dto: ProposeTransferDto): Promise<CaseSummaryDto> {
    return this.transfers.propose(t, dto);
  }

  @CommandRoute('AnswerTransfer')
  @ApiNoContentResponse({ description: 'Declined: the case stays with its organisation' })
  async answer(
    @Target() t: CommandTarget,
    @Body() dto: AnswerTransferDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseSummaryDto | undefined> {
    const summary = await this.transfers.answer(t, dto);
    if (!summary) res.status(HttpStatus.NO_CONTENT);
    return summary;
  }

  @CommandRoute('WithdrawTransfer')
  withdraw(@Target() t: CommandTarget, @Body() _dto: EmptyBodyDto): Promise<CaseSummaryDto> {
    return this.transfers.withdraw(t);
  }
}

/** R31: transfers to and from the user's organisation (incoming: for its supervisors). */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'transfers', version: '1' })
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'ListTransfers',
    summary:
      'Transfers waiting for your organisation’s answer (supervisors) and those it proposed: the sender’s record of a transferred case',
  })
  @ApiOkResponse({ type: TransferListDto })
  @Audited({ action: 'transfers.list', categories: [] })
  list(@CurrentActor() actor: Actor, @Query() q: TransferListQueryDto): Promise<TransferListDto> {
    return this.transfers.list(actor, q.status ?? 'open');
  }
}

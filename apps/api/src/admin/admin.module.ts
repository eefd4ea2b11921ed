import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';

/** /admin: organisations and accounts of the admin's country (issue 9). */
@Module({ imports: [AuthModule], controllers: [AdminController], providers: [AdminService] })
export class AdminModule {}

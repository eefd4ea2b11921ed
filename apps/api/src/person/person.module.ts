import { Module } from '@nestjs/common';
import { PersonController } from './person.controller';
import { PersonService } from './person.service';

/** GET /cases/{id}/person: her current details per category. */
@Module({ controllers: [PersonController], providers: [PersonService] })
export class PersonModule {}

import { BadRequestException } from '@nestjs/common';
import { IsString } from 'class-validator';
import { createValidationPipe, nulCharacterProblems } from './validation';

class NoteDto {
  @IsString()
  text!: string;
}

describe('input validation', () => {
  it('names every field whose text holds a NUL character, nested ones by path', () => {
    expect(nulCharacterProblems({ name: 'ok', contact: { email: 'a\u0000@b.c' }, tags: ['x', 'y\u0000'] })).toEqual([
      { field: 'contact.email', problems: ['contact.email must not contain NUL characters'] },
      { field: 'tags.1', problems: ['tags.1 must not contain NUL characters'] },
    ]);
    expect(nulCharacterProblems({ name: 'plain', n: 3, none: null })).toEqual([]);
  });

  it('answers a NUL character with a 400 naming the field, before any DTO rule runs', async () => {
    const pipe = createValidationPipe();
    const error = await pipe.transform({ text: 'call\u0000back' }, { type: 'body', metatype: NoteDto }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toMatchObject({ errors: [{ field: 'text', problems: ['text must not contain NUL characters'] }] });
    const param = await pipe.transform('a\u0000', { type: 'param', data: 'id', metatype: String }).catch((e: unknown) => e);
    expect((param as BadRequestException).getResponse()).toMatchObject({ errors: [{ field: 'id' }] });
    await expect(pipe.transform({ text: 'callback' }, { type: 'body', metatype: NoteDto })).resolves.toEqual({ text: 'callback' });
  });
});

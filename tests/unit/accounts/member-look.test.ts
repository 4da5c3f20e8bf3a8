import { describe, expect, it } from 'vitest';
import { leastUsed, MEMBER_AVATARS, MEMBER_COLORS, nextMemberLook } from '../../../src/accounts/member-fields.js';
import { luminance } from '../../../src/dashboards/accent.js';

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('a new member’s colour and avatar', () => {
  it('hands out a different colour and avatar to each of the first eight members', () => {
    const members: { color: string; avatar: string }[] = [];
    for (let i = 0; i < MEMBER_COLORS.length; i++) members.push(nextMemberLook(members));
    expect(new Set(members.map((m) => m.color)).size).toBe(MEMBER_COLORS.length);
    expect(new Set(members.map((m) => m.avatar)).size).toBe(MEMBER_COLORS.length);
  });

  it('picks the least-used colour, whatever order the members came in and however the hex is written', () => {
    const used = [MEMBER_COLORS[0]!.toUpperCase(), MEMBER_COLORS[1]!, MEMBER_COLORS[1]!, '#123456'];
    expect(leastUsed(MEMBER_COLORS, used)).toBe(MEMBER_COLORS[2]);
    // Once every colour is taken, the cycle starts again at the least-used one.
    expect(leastUsed(['#aaaaaa', '#bbbbbb'], ['#aaaaaa', '#bbbbbb', '#aaaaaa'])).toBe('#bbbbbb');
    // A member who changed to their own colour frees the palette colour they had.
    expect(nextMemberLook([{ color: '#ff00ff', avatar: 'AB' }])).toEqual({ color: MEMBER_COLORS[0], avatar: MEMBER_AVATARS[0] });
  });

  it('keeps every palette colour at 3:1 or more against the light page and the dark card, as a ring around an avatar needs', () => {
    for (const color of MEMBER_COLORS) {
      expect(contrast(color, '#f6f5f2'), `${color} on the light page`).toBeGreaterThanOrEqual(3);
      expect(contrast(color, '#ffffff'), `${color} on a light card`).toBeGreaterThanOrEqual(3);
      expect(contrast(color, '#191c22'), `${color} on the dark card`).toBeGreaterThanOrEqual(3);
    }
  });
});

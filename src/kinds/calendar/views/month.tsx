import { formatIsoDate, isoWeekday, parseIsoDate } from '../../../calendar/civil-date.js';
import { type CalendarDay, dayHeading, weekdayOrder } from '../calendar-view.js';
import { type CalendarPageContext, EntryItem } from './calendar-parts.js';

/**
 * A month as a grid of whole weeks on a wide screen; on a phone the grid
 * becomes a list of the month's days that have something on them (CSS only,
 * manage.css). Each day's number leads to the agenda from that day.
 */
export function MonthView(props: { days: CalendarDay[]; year: number; month: number; ctx: CalendarPageContext }) {
  const { ctx } = props;
  const { i18n } = ctx;
  const todayText = formatIsoDate(ctx.today);
  const inMonth = props.days.filter((day) => parseIsoDate(day.date)!.month === props.month);
  const empty = inMonth.every((day) => day.items.length === 0);
  return (
    <div class="cal-month">
      {empty ? <p class="empty-state cal-empty">{i18n.t('calendar.nothingInMonth', { month: i18n.monthName(props.month) })}</p> : null}
      <ol class="cal-weekdays" aria-hidden="true">
        {weekdayOrder(ctx.weekStart).map((weekday) => (
          <li>{i18n.weekdayName(weekday, 'short')}</li>
        ))}
      </ol>
      <ol class="cal-grid">
        {props.days.map((day) => {
          const date = parseIsoDate(day.date)!;
          const other = date.month !== props.month;
          const classes = ['cal-cell', other ? 'is-other-month' : '', day.date === todayText ? 'is-today' : '', day.items.length === 0 ? 'is-empty' : '', isoWeekday(date) >= 6 ? 'is-weekend' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <li class={classes} id={`day-${day.date}`}>
              <h3 class="cal-cell-date">
                <a href={`/${ctx.slug}/calendar?date=${day.date}`}>
                  <span class="cal-day-number" aria-hidden="true">
                    {date.day}
                  </span>
                  <span class="cal-day-full">{dayHeading(date, ctx.today, i18n)}</span>
                </a>
              </h3>
              {day.items.length > 0 ? (
                <ul class="cal-entries">
                  {day.items.map((item) => (
                    <EntryItem item={item} date={day.date} ctx={ctx} compact />
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

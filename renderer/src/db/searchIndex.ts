// Full-text search over check-ins, held in memory only: built from the journal after start-up (and,
// once encryption at rest exists, after unlock), so no plaintext word index is ever written to disk.
import MiniSearch from 'minisearch';
import type { CheckIn } from '@shared/journal/checkIn';
import type { MoodLevel } from '@shared/journal/mood';
import type { Journal, JournalChange } from './journal';

export interface SearchFilters {
  readonly moods?: ReadonlySet<MoodLevel>;
  readonly activity?: string;
  readonly emotion?: string;
  /** Inclusive YYYY-MM-DD bounds. */
  readonly fromDay?: string;
  readonly toDay?: string;
}

export interface SearchResult {
  readonly checkIns: readonly CheckIn[];
  /** How many matched before the result limit was applied. */
  readonly total: number;
}

const FIELDS = ['note', 'emotions', 'activities'] as const;

function createMiniSearch(): MiniSearch<CheckIn> {
  return new MiniSearch<CheckIn>({
    fields: [...FIELDS],
    extractField: (checkIn, field) => {
      if (field === 'emotions') return checkIn.emotions.join(' ');
      if (field === 'activities') return checkIn.activities.join(' ');
      if (field === 'id') return checkIn.id; // MiniSearch reads the id through this function too
      return field === 'note' ? checkIn.note : '';
    },
    searchOptions: {
      boost: { emotions: 2, activities: 2 },
      prefix: true,
      fuzzy: (term) => (term.length > 4 ? 0.15 : false),
      combineWith: 'AND',
    },
  });
}

function matchesFilters(checkIn: CheckIn, filters: SearchFilters): boolean {
  if (filters.moods && filters.moods.size > 0 && !filters.moods.has(checkIn.mood)) return false;
  if (filters.fromDay && checkIn.day < filters.fromDay) return false;
  if (filters.toDay && checkIn.day > filters.toDay) return false;
  if (filters.activity) {
    const wanted = filters.activity.toLocaleLowerCase();
    if (!checkIn.activities.some((activity) => activity.toLocaleLowerCase() === wanted)) return false;
  }
  if (filters.emotion) {
    const wanted = filters.emotion.toLocaleLowerCase();
    if (!checkIn.emotions.some((emotion) => emotion.toLocaleLowerCase() === wanted)) return false;
  }
  return true;
}

export class SearchIndex {
  private index = createMiniSearch();
  private readonly byId = new Map<string, CheckIn>();
  private building: Promise<void> | null = null;
  private stale = true;
  private revision = 0;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly journal: Journal) {
    this.unsubscribe = journal.onChange((change) => this.apply(change));
  }

  /** A number that changes whenever results may have changed (for React's useSyncExternalStore). */
  getRevision = (): number => this.revision;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Builds the index if needed; concurrent callers share one build. */
  async ready(): Promise<void> {
    if (!this.stale) return;
    this.building ??= this.rebuild().finally(() => {
      this.building = null;
    });
    await this.building;
  }

  async search(query: string, filters: SearchFilters = {}, limit = 500): Promise<SearchResult> {
    await this.ready();
    const text = query.trim();
    let candidates: CheckIn[];
    if (text) {
      candidates = [];
      for (const hit of this.index.search(text)) {
        const checkIn = this.byId.get(String(hit.id));
        if (checkIn) candidates.push(checkIn);
      }
    } else {
      candidates = [...this.byId.values()];
    }
    const matching = candidates.filter((checkIn) => matchesFilters(checkIn, filters)).sort((a, b) => b.at - a.at);
    return { checkIns: matching.slice(0, limit), total: matching.length };
  }

  /** Words used as activities and emotions across the journal, for filter menus. */
  async vocabulary(): Promise<{ activities: string[]; emotions: string[] }> {
    await this.ready();
    const activities = new Map<string, string>();
    const emotions = new Map<string, string>();
    for (const checkIn of this.byId.values()) {
      for (const activity of checkIn.activities) activities.set(activity.toLocaleLowerCase(), activity);
      for (const emotion of checkIn.emotions) emotions.set(emotion.toLocaleLowerCase(), emotion);
    }
    const sorted = (map: Map<string, string>): string[] => [...map.values()].sort((a, b) => a.localeCompare(b));
    return { activities: sorted(activities), emotions: sorted(emotions) };
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private async rebuild(): Promise<void> {
    const all = await this.journal.all();
    const index = createMiniSearch();
    index.addAll(all);
    this.index = index;
    this.byId.clear();
    for (const checkIn of all) this.byId.set(checkIn.id, checkIn);
    this.stale = false;
    this.bump();
  }

  private apply(change: JournalChange): void {
    if (this.stale) return; // not built yet: the next build reads the latest data anyway
    switch (change.kind) {
      case 'put':
        if (this.byId.has(change.checkIn.id)) this.index.discard(change.checkIn.id);
        this.index.add(change.checkIn);
        this.byId.set(change.checkIn.id, change.checkIn);
        break;
      case 'delete':
        if (this.byId.has(change.id)) this.index.discard(change.id);
        this.byId.delete(change.id);
        break;
      case 'reset':
        this.stale = true;
        break;
    }
    this.bump();
  }

  private bump(): void {
    this.revision += 1;
    for (const listener of this.listeners) listener();
  }
}

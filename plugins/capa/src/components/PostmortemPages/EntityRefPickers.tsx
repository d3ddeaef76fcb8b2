import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityDisplayName,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { memo, useEffect, useState } from 'react';
import { errorMessage } from '../shared';
import { InputChange, inputId } from './FormFields';

const SEARCH_DELAY_MS = 250;
const SEARCH_LIMIT = 20;

/** A catalog entity as a picker offers it: its full ref and its name. */
export type EntityOption = { ref: string; title?: string };

function optionOf(entity: Entity): EntityOption {
  return {
    ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    title: entity.metadata.title,
  };
}

/**
 * Catalog entities of some kinds whose name or title matches what is typed,
 * asked for once typing pauses, and only while `active`.
 */
export function useCatalogSearch(
  kinds: string[],
  term: string,
  active: boolean,
): { options: EntityOption[]; loading: boolean; error?: string } {
  const catalogApi = useApi(catalogApiRef);
  const [options, setOptions] = useState<EntityOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const kindsKey = kinds.join(',');
  const trimmed = term.trim();

  useEffect(() => {
    if (!active) {
      return undefined;
    }
    let current = true;
    setLoading(true);
    const timer = setTimeout(async () => {
      try {
        const response = await catalogApi.queryEntities({
          filter: { kind: kindsKey.split(',') },
          ...(trimmed
            ? {
                fullTextFilter: {
                  term: trimmed,
                  fields: ['metadata.name', 'metadata.title'],
                },
              }
            : {}),
          limit: SEARCH_LIMIT,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
          ],
        });
        if (current) {
          setOptions(response.items.map(optionOf));
          setError(undefined);
        }
      } catch (e) {
        if (current) {
          setError(errorMessage(e));
        }
      } finally {
        if (current) {
          setLoading(false);
        }
      }
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [catalogApi, kindsKey, trimmed, active]);

  return { options, loading, error };
}

function titlesOf(options: EntityOption[]): Record<string, string> {
  return Object.fromEntries(
    options.flatMap(option =>
      option.title ? [[option.ref, option.title]] : [],
    ),
  );
}

function OptionLine(props: { option: EntityOption }) {
  const { option } = props;
  return (
    <div>
      <Typography variant="body2">{option.title ?? option.ref}</Typography>
      {option.title && (
        <Typography variant="caption" color="textSecondary">
          {option.ref}
        </Typography>
      )}
    </div>
  );
}

const SERVICE_KINDS = ['Component', 'System'];

/**
 * The catalog components and systems a postmortem concerns, searched by name
 * or title, kept as full refs such as `component:default/clinical-engine`.
 */
export const ServicesPicker = memo(function ServicesAutocomplete(props: {
  value: string[];
  onChange: (refs: string[]) => void;
  error?: string;
}) {
  const { value, onChange, error } = props;
  const [open, setOpen] = useState(false);
  const [term, setTerm] = useState('');
  const search = useCatalogSearch(SERVICE_KINDS, term, open);
  const titles = titlesOf(search.options);

  return (
    <Autocomplete<string, true>
      id={inputId('entityRefs')}
      multiple
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={[
        // Chosen refs stay options, so that the value always matches one.
        ...new Set([...value, ...search.options.map(option => option.ref)]),
      ]}
      value={value}
      onChange={(_event, refs) => onChange(refs)}
      inputValue={term}
      onInputChange={(_event, text) => setTerm(text)}
      filterOptions={options => options}
      filterSelectedOptions
      getOptionLabel={ref => titles[ref] ?? ref}
      renderOption={ref => <OptionLine option={{ ref, title: titles[ref] }} />}
      renderTags={(refs, getTagProps) =>
        refs.map((ref, index) => (
          <Chip
            {...getTagProps({ index })}
            key={ref}
            label={<EntityDisplayName entityRef={ref} disableTooltip />}
            data-ref={ref}
          />
        ))
      }
      loading={search.loading}
      noOptionsText={
        term.trim()
          ? `No component or system matches “${term.trim()}”`
          : 'Type to search the catalog'
      }
      renderInput={params => (
        <TextField
          {...params}
          label="Services"
          required
          variant="outlined"
          error={Boolean(error || search.error)}
          helperText={
            error ??
            (search.error
              ? `Could not search the catalog: ${search.error}`
              : 'The catalog components and systems the incident concerned')
          }
          inputProps={{
            ...params.inputProps,
            'data-testid': 'postmortem-services',
          }}
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {search.loading && open && <CircularProgress size={18} />}
                {params.InputProps.endAdornment}
              </>
            ),
          }}
        />
      )}
    />
  );
});

const OWNER_KINDS = ['User', 'Group'];

/**
 * A user or group ref, typed (`group:default/platform-circle`) or picked from
 * the catalog's users and groups.
 */
export const OwnerRefField = memo(function OwnerRefAutocomplete(props: {
  path: string;
  value: string;
  onChange: InputChange;
  error?: string;
}) {
  const { path, value, onChange, error } = props;
  const [open, setOpen] = useState(false);
  // A typed ref (`group:default/platform`) is searched by its name part.
  const term = value.split(/[:/]/).pop() ?? '';
  const search = useCatalogSearch(OWNER_KINDS, term, open);
  const titles = titlesOf(search.options);

  return (
    <Autocomplete<string, false, false, true>
      id={inputId(path)}
      freeSolo
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={search.options.map(option => option.ref)}
      value={value}
      onChange={(_event, ref) => onChange(path, ref ?? '')}
      inputValue={value}
      onInputChange={(_event, text) => onChange(path, text)}
      filterOptions={options => options}
      renderOption={ref => <OptionLine option={{ ref, title: titles[ref] }} />}
      loading={search.loading}
      renderInput={params => (
        <TextField
          {...params}
          label="Owner"
          required
          variant="outlined"
          error={Boolean(error)}
          helperText={error}
        />
      )}
    />
  );
});

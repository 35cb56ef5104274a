// A connector's icon, drawn from the app's SVG set: emoji depend on a font Chromium may not have
// (and then show as empty boxes). Custom and unknown connectors get the generic plug.
import type { ConnectorDefinition } from '../../../../shared/connectors/types';
import { hasIcon, Icon } from '../../chrome/icons';

export const GENERIC_CONNECTOR_ICON = 'plug';

export function connectorIconName(connector: ConnectorDefinition | undefined): string {
  return connector && !connector.custom && hasIcon(connector.icon) ? connector.icon : GENERIC_CONNECTOR_ICON;
}

export function ConnectorIcon({ connector, size = 16 }: { connector: ConnectorDefinition | undefined; size?: number }) {
  return (
    <span className="fg-panel-icon" aria-hidden>
      <Icon name={connectorIconName(connector)} size={size} />
    </span>
  );
}

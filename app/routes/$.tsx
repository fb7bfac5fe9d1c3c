import { data, type MetaFunction } from "@remix-run/node";
import { describeStatus, ErrorPage, errorTitle } from "../components/error-page";

// Any address no other route serves: a Polaris "page not found" answered with HTTP 404, inside
// the admin (its links keep shop and host) or outside it. No session is needed to say a page
// does not exist, and nothing is logged: a mistyped address is not a fault in Quita.
const NOT_FOUND = describeStatus(404);

export const loader = () => data(null, { status: 404 });

export const meta: MetaFunction = ({ location }) => [{ title: errorTitle(NOT_FOUND, location.search) }];

export default function NotFound() {
  return <ErrorPage copy={NOT_FOUND} />;
}

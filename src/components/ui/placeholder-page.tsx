import { Link } from 'react-router';

export interface PlaceholderPageProps {
  title: string;
  description: string;
}

export function PlaceholderPage({ title, description }: PlaceholderPageProps) {
  return (
    <div className="mx-auto max-w-2xl py-12">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-slate-700">{description}</p>
      <p className="mt-6">
        <Link className="text-teal-800 underline" to="/">
          Back to the start page
        </Link>
      </p>
    </div>
  );
}

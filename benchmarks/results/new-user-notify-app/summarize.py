import sys
for f in sys.argv[1:]:
    rows=[l.split(' ',2) for l in open(f) if l[0].isdigit()]
    polls=[(int(r[0]), r[1]) for r in rows]
    n=len(polls)
    first_leak=next((t for t,v in polls if v=='LEAK_SUSPECTED'), None)
    growing=sum(1 for t,v in polls if v=='GROWING')
    leak=sum(1 for t,v in polls if v=='LEAK_SUSPECTED')
    flips=0; prev=None; seen=False
    for t,v in polls:
        l = v=='LEAK_SUSPECTED'
        if seen and prev is not None and l!=prev: flips+=1
        if l: seen=True
        prev=l
    assessed=[v for t,v in polls if v!='INSUFFICIENT_DATA']
    confs=max((int(l.split(' conf=')[1].split()[0]) for l in open(f) if ' conf=' in l), default=0)
    print(f"{f.split('/')[-1]}: polls={n} first LEAK_SUSPECTED at {first_leak}s, LEAK polls={leak}, GROWING polls={growing} ({100*growing/max(1,len(assessed)):.0f}% of {len(assessed)} assessed), flips after first={flips}, confirmations={confs}")
